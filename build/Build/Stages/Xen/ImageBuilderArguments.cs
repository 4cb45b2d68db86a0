using System.Globalization;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Host;

namespace Build.Stages.Xen;

/// <summary>
/// The <c>--ib-*</c> command-line options shared by the UBootScript and DiskImage targets, named after
/// ImageBuilder's own flags: <c>--ib-config</c> (-c), <c>--ib-dir</c> (-d), <c>--ib-load</c> (-t),
/// <c>--ib-output</c> (-o), <c>--ib-fit</c> (-f), <c>--ib-prepend</c> (-p), plus <c>--ib-dt-mode</c>.
/// Relative paths are taken from the build's working directory (the checkout).
/// </summary>
public sealed class ImageBuilderArguments(ICakeContext context)
{
    public const string Config = "ib-config";
    public const string Dir = "ib-dir";
    public const string Load = "ib-load";
    public const string Output = "ib-output";
    public const string Fit = "ib-fit";
    public const string Prepend = "ib-prepend";
    public const string DtMode = "ib-dt-mode";
    public const string Slack = "ib-slack";
    public const string PowerOfTwo = "ib-pow2";
    public const string Format = "ib-format";

    /// <summary>A value that must be given, as a full path.</summary>
    public string RequiredPath(string name, string flag)
    {
        var value = Text(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CakeException($"--{name} is missing: give ImageBuilder's {flag} as --{name}=PATH.");
        }

        return Path.GetFullPath(value, context.Environment.WorkingDirectory);
    }

    public string? Text(string name) => context.Arguments.GetArgument(name);

    /// <summary>A flag: present without a value, or with true/1/yes; false/0/no turn it off.</summary>
    public bool Flag(string name)
    {
        if (!context.Arguments.HasArgument(name))
        {
            return false;
        }

        var value = Text(name)?.Trim() ?? string.Empty;
        return value.ToLowerInvariant() switch
        {
            "" or "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new CakeException($"--{name}={value} is not a switch value; write --{name} (or --{name}=true / --{name}=false)."),
        };
    }

    public DeviceTreeMode DeviceTreeMode() => Text(DtMode)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "runtime" => Hyperbake.Boot.ImageBuilder.Generation.DeviceTreeMode.Runtime,
        "buildtime" or "build-time" => Hyperbake.Boot.ImageBuilder.Generation.DeviceTreeMode.BuildTime,
        var other => throw new CakeException(
            $"--{DtMode}={other} is not a device tree mode; use --{DtMode}=runtime (fdt commands in the boot script, as ImageBuilder) or --{DtMode}=buildtime (the changes baked into a patched DTB)."),
    };

    public int? Integer(string name, int minimum)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < minimum)
        {
            throw new CakeException($"--{name}={value} is not a whole number of at least {minimum}.");
        }

        return n;
    }
}
