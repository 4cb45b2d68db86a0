namespace Hyperbake.Model.Recipes;

/// <summary>The knob values that select modifiers: <c>modifiers/arch/&lt;arch&gt;.yaml</c>, <c>hv/&lt;hv&gt;.yaml</c>, <c>platform/&lt;platform&gt;.yaml</c>.</summary>
public sealed record CompositionInput(string Arch, string Hv, string Platform);
