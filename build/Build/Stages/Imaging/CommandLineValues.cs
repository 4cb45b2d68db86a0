namespace Build.Stages.Imaging;

/// <summary>Reads the imaging targets' <c>--name=value</c> options, each error naming the option and the fix.</summary>
public sealed class CommandLineValues(Func<string, string?> get, string baseDirectory)
{
    private static readonly OptionSpelling Spelling = OptionSpelling.CommandLine;

    public string BaseDirectory => baseDirectory;

    /// <summary>The value, or null when the option is absent.</summary>
    public string? Text(string key)
    {
        var value = get(key);

        // The host turns a bare "--label" into "true": a value-taking option written without its value.
        return value == "true" ? throw Missing(key) : value;
    }

    public string Required(string key, string example) =>
        Text(key) ?? throw new ImagingInputException($"{Spelling.Key(key)} is missing. Give it, e.g. {Spelling.Suggest(key, example)}.");

    /// <summary>An absolute path (relative ones are against the folder build.sh was started from).</summary>
    public string? PathOf(string key) => Text(key) is { } p ? CallerDirectory.Resolve(p, baseDirectory) : null;

    public long? Size(string key) => Text(key) is { } v ? SizeText.Parse(key, v, Spelling) : null;

    public bool Flag(string key) => get(key) switch
    {
        null => false,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) || v is "1" or "yes" => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) || v is "0" or "no" => false,
        var v => throw new ImagingInputException($"{Spelling.Given(key, v)}: the option is a switch. Give {Spelling.Key(key)} alone, or =true or =false."),
    };

    private static ImagingInputException Missing(string key) =>
        new($"{Spelling.Key(key)} needs a value, e.g. {Spelling.Suggest(key, key switch { "label" => "ESP", "from" => "rootfs/", "out" => "rootfs.img", "size" => "64MiB", _ => "…" })}.");
}
