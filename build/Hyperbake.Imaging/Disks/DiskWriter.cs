using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.VirtualDisks.Qcow2;
using Hyperbake.Imaging.VirtualDisks.Vdi;
using Hyperbake.Imaging.VirtualDisks.Vhdx;
using Hyperbake.Imaging.VirtualDisks.Vmdk;

namespace Hyperbake.Imaging.Disks;

/// <summary>
/// Streams a <see cref="DiskPlan"/> in one forward pass into a sparse raw file or a virtual disk
/// container: the table bytes, each partition's content at its offset, the backup GPT. Zero
/// regions are never stored. Files are written under a temporary name and renamed when complete.
/// </summary>
public static class DiskWriter
{
    private const int CopyBufferSize = 1 << 20;

    /// <summary>Writes the disk to <paramref name="path"/> in <paramref name="format"/>.</summary>
    public static void Write(DiskPlan plan, string path, DiskFormat format, DiskWriteOptions? options = null)
    {
        options ??= DiskWriteOptions.Default;
        var full = Path.GetFullPath(path);
        var partial = full + ".partial";
        try
        {
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
            using (var sink = CreateSink(file, format, plan.TotalSize, plan.Seed, options, Path.GetFileName(full)))
            {
                Write(plan, sink, options.TemporaryDirectory ?? Path.GetDirectoryName(full));
            }

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Creates the sink for a format over an open, empty, seekable file. <paramref name="seed"/>
    /// derives the container's GUIDs; <paramref name="fileName"/> is the name a VMDK descriptor
    /// records for its own extent.
    /// </summary>
    public static IDiskImageSink CreateSink(FileStream file, DiskFormat format, long capacity, string seed, DiskWriteOptions? options = null, string fileName = "disk.vmdk")
    {
        options ??= DiskWriteOptions.Default;
        return format switch
        {
            DiskFormat.Raw => new SparseRawSink(file, capacity, ownsFile: false),
            DiskFormat.Qcow2 => new Qcow2Writer(file, capacity, options.Qcow2),
            DiskFormat.Vhdx => new VhdxWriter(file, capacity, seed, options.Vhdx),
            DiskFormat.Vdi => new VdiWriter(file, capacity, seed),
            DiskFormat.Vmdk => new VmdkSparseWriter(file, capacity, seed, fileName),
            DiskFormat.VmdkStreamOptimized => new VmdkStreamOptimizedWriter(file, capacity, seed, fileName),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown disk format."),
        };
    }

    /// <summary>Streams the disk into any sink, then completes it.</summary>
    public static void Write(DiskPlan plan, IDiskImageSink sink, string? temporaryDirectory = null)
    {
        if (sink.Capacity != plan.TotalSize)
        {
            throw new ArgumentException($"The sink holds {ByteSize.Bytes(sink.Capacity)} but the disk is {ByteSize.Bytes(plan.TotalSize)}.", nameof(sink));
        }

        var tables = plan.GetTableExtents();
        var steps = new List<(long Offset, Action Write)>();
        foreach (var (offset, bytes) in tables)
        {
            steps.Add((offset, () => sink.Write(offset, bytes)));
        }

        foreach (var p in plan.Partitions)
        {
            switch (p.Spec.Content)
            {
                case PartitionContent.SourceContent s when s.Length > 0:
                    steps.Add((p.Offset, () => CopySource(s, p, sink)));
                    break;
                case PartitionContent.BuilderContent b when b.Length > 0:
                    steps.Add((p.Offset, () => WriteBuilder(b, p, sink, temporaryDirectory)));
                    break;
            }
        }

        foreach (var step in steps.OrderBy(s => s.Offset))
        {
            step.Write();
        }

        sink.Complete();
    }

    private static void CopySource(PartitionContent.SourceContent content, PlannedPartition p, IDiskImageSink sink)
    {
        using var input = content.Source.OpenRead();
        Copy(input, content.Length, p, sink);
    }

    private static void WriteBuilder(PartitionContent.BuilderContent content, PlannedPartition p, IDiskImageSink sink, string? temporaryDirectory)
    {
        if (sink is IRandomAccessDiskImageSink direct)
        {
            using var window = direct.OpenWindow(p.Offset, content.Length);
            content.Builder.WriteTo(window);
            return;
        }

        // Containers take bytes in order, but a builder seeks; it writes a sparse scratch file first.
        var scratch = Path.Combine(temporaryDirectory ?? Path.GetTempPath(), $".hyperbake-part{p.Number}-{Environment.ProcessId}-{Guid.NewGuid():N}.img");
        try
        {
            using var file = new FileStream(scratch, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
            using (var window = new SparseWindowStream(file, 0, content.Length))
            {
                content.Builder.WriteTo(window);
            }

            file.Position = 0;
            using var reader = new SparseWindowStream(file, 0, content.Length);
            Copy(reader, content.Length, p, sink);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private static void Copy(Stream input, long length, PlannedPartition p, IDiskImageSink sink)
    {
        var buffer = new byte[CopyBufferSize];
        long done = 0;
        while (done < length)
        {
            var want = (int)Math.Min(buffer.Length, length - done);
            var got = 0;
            while (got < want)
            {
                var r = input.Read(buffer, got, want - got);
                if (r <= 0)
                {
                    throw new IOException($"Partition '{p.Name}' content ended after {ByteSize.Bytes(done + got)}; it announced {ByteSize.Bytes(length)}.");
                }

                got += r;
            }

            sink.Write(p.Offset + done, buffer.AsSpan(0, got));
            done += got;
        }
    }
}
