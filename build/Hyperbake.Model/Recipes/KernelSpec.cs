namespace Hyperbake.Model.Recipes;

/// <summary>The kernel an image boots: a stock Debian package, its command line and the modules the initramfs loads, in order.</summary>
public sealed record KernelSpec(string Package, string CommandLine, IReadOnlyList<string> InitrdModules, SourceMark Mark);
