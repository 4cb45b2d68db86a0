namespace Hyperbake.Toolchains.Kernel;

/// <summary>The artefacts of a kernel build, all under the build's output folder.</summary>
/// <param name="Release">The kernel release string (<c>include/config/kernel.release</c>).</param>
/// <param name="SystemMapPath">The kernel's symbol map (<c>System.map</c>), for debugging and depmod.</param>
/// <param name="ModulesDirectory">The <c>INSTALL_MOD_PATH</c> tree (<c>lib/modules/&lt;release&gt;/…</c>), or null when modules were not built.</param>
/// <param name="DtbsDirectory">Installed device trees, or null when the architecture has none.</param>
public sealed record KernelBuildResult(string Release, string ImagePath, string ConfigPath, string SystemMapPath, string? ModulesDirectory, string? DtbsDirectory);
