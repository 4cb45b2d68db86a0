using Hyperbake.Model.Recipes;
using Hyperbake.Toolchains.Kernel;

namespace Build.Stages.Kernel;

/// <summary>
/// What a kernel-from-source build is made of after the command line had its say: the recipe, the source,
/// the base config target and the fragments (absolute paths, in merge order), for one arch.
/// </summary>
public sealed record KernelInputs(KernelRecipe Recipe, KernelSourceReference Source, string Defconfig, IReadOnlyList<string> Fragments, string Arch)
{
    /// <summary>The Debian architecture arch-independent packages (<c>linux-source-*</c>) are locked under.</summary>
    public const string IndependentArchitecture = "all";

    public KernelArchitecture Architecture => KernelArchitecture.For(Arch);
}
