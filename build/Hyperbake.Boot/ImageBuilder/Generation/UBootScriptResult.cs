namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>One file the script loads: its name in the FIT (<c>dom0_linux</c> …), path as printed, address and size.</summary>
public sealed record LoadedFile(string FitName, string Path, ulong Address, long Size);

/// <summary>One output, by path relative to the -d directory, with its bytes.</summary>
public sealed record GeneratedFile(string RelativePath, byte[] Content);

/// <summary>
/// Everything a run produces: the outputs (written by <see cref="UBootScriptGenerator.Generate"/>,
/// or only planned by <see cref="UBootScriptGenerator.Plan"/>), the address layout and what
/// ImageBuilder prints on stdout.
/// </summary>
public sealed record UBootScriptResult
{
    public required string SourceText { get; init; }

    public required IReadOnlyList<GeneratedFile> Files { get; init; }

    /// <summary>Files removed on success (in FIT mode ImageBuilder deletes a stale UBOOT_SCRIPT).</summary>
    public IReadOnlyList<string> Removals { get; init; } = [];

    /// <summary>Full paths of the files written (empty for a plan).</summary>
    public IReadOnlyList<string> FilesWritten { get; init; } = [];

    public required IReadOnlyList<LoadedFile> Loads { get; init; }

    /// <summary>Where boot.scr is meant to be loaded.</summary>
    public required ulong ScriptAddress { get; init; }

    /// <summary>The end of the last slot (where a FIT goes).</summary>
    public required ulong EndAddress { get; init; }

    public required IReadOnlyList<string> StdoutLines { get; init; }

    public string Stdout => string.Concat(StdoutLines.Select(l => l + "\n"));

    /// <summary>The device tree changes, in order (also when they were not written into the script).</summary>
    public required IReadOnlyList<DeviceTreeEdit> DeviceTreeEdits { get; init; }
}
