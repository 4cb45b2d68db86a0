namespace Hyperbake.Model.Knobs;

/// <summary>
/// The three places a knob is looked up, highest precedence first: the command line (<c>--arch</c>),
/// the configuration (<c>Knobs_Arch</c> from cake.config) and the environment (<c>ZARCH</c>). Each
/// returns null (or empty) for "not set".
/// </summary>
public sealed record KnobInputs(
    Func<string, string?> CommandLine,
    Func<string, string?> Configuration,
    Func<string, string?> Environment)
{
    public static KnobInputs None { get; } = new(_ => null, _ => null, _ => null);

    /// <summary>The first non-empty value, or null.</summary>
    public KnobValue? Find(Knob knob)
    {
        if (CommandLine(knob.Option) is { Length: > 0 } cli)
        {
            return new KnobValue(knob, cli, KnobSource.CommandLine);
        }

        if (Configuration(knob.ConfigurationKey) is { Length: > 0 } config)
        {
            return new KnobValue(knob, config, KnobSource.Configuration);
        }

        if (Environment(knob.EnvironmentVariable) is { Length: > 0 } env)
        {
            return new KnobValue(knob, env, KnobSource.Environment);
        }

        return null;
    }
}
