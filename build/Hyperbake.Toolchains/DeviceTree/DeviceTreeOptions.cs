namespace Hyperbake.Toolchains.DeviceTree;

/// <summary>How a device tree source is compiled.</summary>
public sealed record DeviceTreeOptions
{
    /// <summary>Folders searched by <c>#include &lt;…&gt;</c> and dtc's <c>/include/</c> (e.g. the kernel's <c>include/</c> and <c>arch/arm64/boot/dts</c>).</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Extra <c>-D</c> macros for the preprocessor, "NAME" or "NAME=value".</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>Emit the <c>__symbols__</c> node (dtc -@) so overlays can be applied; always on for overlays.</summary>
    public bool Symbols { get; init; }

    /// <summary>Receives the toolchain's output lines.</summary>
    public Action<string>? Log { get; init; }
}
