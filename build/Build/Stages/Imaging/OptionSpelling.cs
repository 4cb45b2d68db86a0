using Hyperbake.Model;
using Hyperbake.Model.Yaml;

namespace Build.Stages.Imaging;

/// <summary>
/// How a setting is named in messages: <c>--size=1MiB</c> on the command line, or
/// <c>layout.yaml:14: size: 1MiB</c> in a layout file, so every error points where the user typed.
/// </summary>
public abstract class OptionSpelling
{
    /// <summary>The command line's <c>--key=value</c> options.</summary>
    public static OptionSpelling CommandLine { get; } = new CommandLineSpelling();

    /// <summary>A layout mapping: each key is named with the file and line it was written on.</summary>
    public static OptionSpelling Yaml(YMapping mapping) => new YamlSpelling(mapping);

    /// <summary>The setting as given, e.g. "--size=1MiB" or "layout.yaml:14: size: 1MiB".</summary>
    public abstract string Given(string key, string value);

    /// <summary>The setting as the user should write it, e.g. "--size=9MiB" or "size: 9MiB".</summary>
    public abstract string Suggest(string key, string value);

    /// <summary>The name of a setting, e.g. "--label" or "'label'".</summary>
    public abstract string Key(string key);

    /// <summary>Where messages that concern the whole request start: "" or "layout.yaml:12: ".</summary>
    public abstract string Where { get; }

    private sealed class CommandLineSpelling : OptionSpelling
    {
        public override string Where => "";

        public override string Given(string key, string value) => $"--{key}={value}";

        public override string Suggest(string key, string value) => $"--{key}={value}";

        public override string Key(string key) => "--" + key;
    }

    private sealed class YamlSpelling(YMapping mapping) : OptionSpelling
    {
        public override string Where => mapping.Mark + ": ";

        public override string Given(string key, string value) => $"{Mark(key)}: {key}: {value}";

        public override string Suggest(string key, string value) => $"{key}: {value}";

        public override string Key(string key) => $"'{key}'";

        private SourceMark Mark(string key) =>
            mapping.Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal))?.KeyMark ?? mapping.Mark;
    }
}
