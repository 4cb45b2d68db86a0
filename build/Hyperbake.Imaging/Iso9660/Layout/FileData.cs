using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>The extent of one regular file's bytes; every hard link's record points at it.</summary>
internal sealed class FileData(IContentSource content, string path)
{
    public IContentSource Content { get; } = content;

    /// <summary>The length fixed at layout time; the content must still have it when streamed.</summary>
    public long Length { get; } = content.Length;

    /// <summary>The first path that names it (or the boot entry it serves), for error messages.</summary>
    public string Path { get; } = path;

    /// <summary>The first block; 0 for empty files, which own no block (as mkisofs and the kernel expect).</summary>
    public long Block { get; set; }

    public long Blocks => Structures.IsoLayoutConstants.BlocksFor(Length);

    /// <summary>Bytes laid over the content at <see cref="PatchOffset"/> while streaming (the BIOS boot info table).</summary>
    public byte[]? Patch { get; set; }

    public int PatchOffset { get; set; }
}
