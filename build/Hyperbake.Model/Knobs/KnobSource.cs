namespace Hyperbake.Model.Knobs;

/// <summary>Where a knob's value came from, lowest precedence first.</summary>
public enum KnobSource
{
    Default,
    Environment,
    Configuration,
    CommandLine,
}
