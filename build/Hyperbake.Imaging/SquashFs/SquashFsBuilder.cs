using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.SquashFs.Writing;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.SquashFs;

/// <summary>
/// Writes a squashfs 4.0 image (what mksquashfs makes and the Linux kernel mounts) from a
/// <see cref="FileTree"/>: regular files (with fragments, tail packing, duplicate detection and
/// sparse blocks), directories, symlinks, devices, fifos, sockets, hard links, xattrs, the id
/// table and the NFS export table. Blocks are compressed on all cores; the bytes are the same
/// for any degree of parallelism.
/// </summary>
/// <remarks>
/// A squashfs image's size is only known once its blocks are compressed. So
/// <see cref="ComputeSize"/> builds the image once into a temporary file and keeps it;
/// <see cref="WriteTo"/> then copies that file (no second compression). When
/// <see cref="WriteTo"/> (or <see cref="Build"/>) is called first, the image is written straight
/// to the output and its size remembered, so <see cref="ComputeSize"/> costs nothing after.
/// Dispose deletes the temporary file.
/// </remarks>
public sealed class SquashFsBuilder : IFileSystemBuilder, IDisposable
{
    private readonly FileTree _tree;
    private FileStream? _built;

    public SquashFsBuilder(FileTree tree, SquashFsOptions? options = null)
    {
        _tree = tree ?? throw new ArgumentNullException(nameof(tree));
        Options = options ?? new SquashFsOptions();
        Options.Validate();
    }

    public SquashFsOptions Options { get; }

    /// <summary>What the last build produced (null before the first).</summary>
    public SquashFsBuildInfo? Info { get; private set; }

    public long ComputeSize()
    {
        if (Info is not null)
        {
            return Info.Size;
        }

        var directory = Options.TemporaryDirectory ?? Path.GetTempPath();
        var path = Path.Combine(directory, $"hyperbake-squashfs-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose);
        try
        {
            Info = new ImageWriter(_tree, Options).Write(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        _built = file;
        return Info.Size;
    }

    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_built is null)
        {
            Build(output);
            return;
        }

        _built.Position = 0;
        output.Position = 0;
        _built.CopyTo(output, 1 << 20);
    }

    /// <summary>Writes the image to a seekable stream (position 0 is the image's first byte) and returns what was written.</summary>
    public SquashFsBuildInfo Build(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek || !output.CanWrite)
        {
            throw new ArgumentException("squashfs images are written to a seekable, writable stream (the superblock is filled in last).", nameof(output));
        }

        var info = new ImageWriter(_tree, Options).Write(output);
        if (Info is not null && Info.Size != info.Size)
        {
            throw new InvalidOperationException($"The squashfs image came out {info.Size} bytes after an earlier build of {Info.Size}; the file tree changed between ComputeSize and WriteTo.");
        }

        Info = info;
        return info;
    }

    /// <summary>Writes the image to a file (created or replaced) and returns what was written.</summary>
    public SquashFsBuildInfo Build(string path)
    {
        return OutputFile.Write(path, 1 << 20, file =>
        {
            var info = Build(file);
            file.SetLength(info.Size);
            return info;
        });
    }

    public void Dispose()
    {
        _built?.Dispose();
        _built = null;
    }
}
