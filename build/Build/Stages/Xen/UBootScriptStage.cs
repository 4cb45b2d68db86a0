using Hyperbake.Boot.ImageBuilder;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Host;

namespace Build.Stages.Xen;

/// <summary>
/// <c>uboot-script-gen -c FILE -d DIR [-t CMD] [-o NAME] [-f] [-p PATH]</c> from the command line:
/// reads the config, generates, and writes every output atomically (nothing when it fails).
/// </summary>
public static class UBootScriptStage
{
    public static UBootScriptResult Run(BuildContext context)
    {
        var args = new ImageBuilderArguments(context);
        var configPath = args.RequiredPath(ImageBuilderArguments.Config, "-c CONFIG_FILE");
        var directory = args.RequiredPath(ImageBuilderArguments.Dir, "-d DIRECTORY");
        var options = new UBootScriptOptions
        {
            Directory = directory,
            LoadCommand = args.Text(ImageBuilderArguments.Load),
            OutputName = args.Text(ImageBuilderArguments.Output),
            Fit = args.Flag(ImageBuilderArguments.Fit),
            Prepend = args.Text(ImageBuilderArguments.Prepend),
            SourceDateEpoch = context.SourceDateEpoch,
            DeviceTreeMode = args.DeviceTreeMode(),
        };
        var config = ReadConfig(context, configPath, directory);
        var result = Guard(() => UBootScriptGenerator.Generate(config, options));
        foreach (var line in result.StdoutLines)
        {
            context.Log.Information("{0}", line);
        }

        return result;
    }

    /// <summary>Parses a config (environment variables answer the names it does not set) and logs its warnings.</summary>
    public static ImageBuilderConfig ReadConfig(ICakeContext context, string configPath, string directory)
    {
        if (!File.Exists(configPath))
        {
            throw new CakeException($"The ImageBuilder config '{configPath}' does not exist; pass an existing file with --{ImageBuilderArguments.Config}=FILE.");
        }

        if (!Directory.Exists(directory))
        {
            throw new CakeException($"The ImageBuilder directory '{directory}' does not exist; --{ImageBuilderArguments.Dir} must name the folder that holds the files the config names.");
        }

        var config = Guard(() => ImageBuilderConfig.Parse(configPath, context.Environment.GetEnvironmentVariable));
        foreach (var warning in config.Diagnostics)
        {
            context.Log.Warning("{0}", warning);
        }

        return config;
    }

    /// <summary>ImageBuilder's refusals become build errors with their message (one line per problem).</summary>
    public static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ImageBuilderException e)
        {
            throw new CakeException(e.Message, e);
        }
        catch (ImageBuilderConfigException e)
        {
            throw new CakeException(e.Message, e);
        }
    }
}
