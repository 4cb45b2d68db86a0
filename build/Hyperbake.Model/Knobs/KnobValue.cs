namespace Hyperbake.Model.Knobs;

/// <summary>A resolved knob: its value and where it came from, spelled the way the user wrote it.</summary>
public sealed record KnobValue(Knob Knob, string Value, KnobSource Source)
{
    /// <summary>How to name the value in a message: <c>--arch=amd64</c>, <c>ZARCH=amd64</c>, …</summary>
    public string Spelling => Source switch
    {
        KnobSource.CommandLine => $"--{Knob.Option}={Value}",
        KnobSource.Configuration => $"{Knob.ConfigurationKey}={Value} (cake.config)",
        KnobSource.Environment => $"{Knob.EnvironmentVariable}={Value}",
        _ => $"--{Knob.Option}={Value} (the default)",
    };

    public override string ToString() => Value;
}
