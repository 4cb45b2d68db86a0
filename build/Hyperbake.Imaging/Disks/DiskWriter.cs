using System.Buffers;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.VirtualDisks.Qcow2;
using Hyperbake.Imaging.VirtualDisks.Vdi;
using Hyperbake.Imaging.VirtualDisks.Vhdx;
using Hyperbake.Imaging.VirtualDisks.Vmdk;
using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Imaging.Disks;

/// <summary>
/// Streams a <see cref="DiskPlan"/> in one forward pass into a sparse raw file or a virtual disk
/// container: the table bytes, each partition's content at its offset, the backup GPT. Zero
/// regions are never stored. Files are written under a temporary name and renamed when complete.
/// </summary>
public static class DiskWriter
{
    // 1 MiB pieces stay in the CPU cache between the read, the zero check and the copy out.
    private const int CopyBufferSize = 1 << 20;
    private const int ReadAhead = 3;

    /// <summary>
    /// Writes the disk to <paramref name="path"/> in <paramref name="format"/>. Returns the file's
    /// SHA-256 when it was computed on the way (an uncompressed qcow2 of file contents: its
    /// clusters are found first, so it is written front to back), else null.
    /// </summary>
    public static string? Write(DiskPlan plan, string path, DiskFormat format, DiskWriteOptions? options = null)
    {
        options ??= DiskWriteOptions.Default;
        var full = Path.GetFullPath(path);
        if (format == DiskFormat.Qcow2 && !options.Qcow2.Compress && plan.Partitions.All(p => p.Spec.Content is not PartitionContent.BuilderContent))
        {
            var layout = new Qcow2Layout(plan.TotalSize, options.Qcow2.ClusterSize, DataClusters(plan, options.Qcow2.ClusterSize));
            return OutputFile.Write(full, CopyBufferSize, file =>
            {
                using var hashing = new Sha256WhileWriting(file);
                using (var sink = new PlannedQcow2Writer(hashing, layout))
                {
                    Write(plan, sink);
                }

                return hashing.Finish();
            });
        }

        OutputFile.Write(full, 0, file =>
        {
            using var sink = CreateSink(file, format, plan.TotalSize, plan.Seed, options, Path.GetFileName(full));
            Write(plan, sink, options.TemporaryDirectory ?? Path.GetDirectoryName(full));
        });
        return null;
    }

    /// <summary>The clusters of <paramref name="clusterSize"/> that hold a non-zero byte, in order (a read of the contents, nothing written).</summary>
    public static IReadOnlyList<long> DataClusters(DiskPlan plan, int clusterSize)
    {
        var clusters = new List<long>();
        using var scan = new ClusterScan(plan.TotalSize, clusterSize, clusters);
        Write(plan, scan);
        return clusters;
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
        if (content.Source is HostFileContent host)
        {
            using var handle = File.OpenHandle(host.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            CopyFile(handle, content.Length, p, sink);
            return;
        }

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

            // A builder may seek past its trailing zeros without writing them: they are zeros all the same.
            if (file.Length < content.Length)
            {
                file.SetLength(content.Length);
            }

            CopyFile(file.SafeFileHandle, content.Length, p, sink);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    // Copies the data ranges of a (possibly sparse) file; its holes are zeros the sink never sees.
    // Reads end on multiples of the buffer size, so containers get whole blocks they pass on
    // uncopied, and the next piece is read on another thread while the sink takes this one.
    private static void CopyFile(SafeFileHandle handle, long length, PlannedPartition p, IDiskImageSink sink)
    {
        var fileLength = RandomAccess.GetLength(handle);
        if (fileLength < length)
        {
            throw new IOException($"Partition '{p.Name}' content ended after {ByteSize.Bytes(fileLength)}; it announced {ByteSize.Bytes(length)}.");
        }

        var pieces = new List<(long Offset, int Length)>();
        foreach (var (start, end) in FileDataExtents.Find(handle, 0, length))
        {
            for (var at = start; at < end;)
            {
                var n = (int)Math.Min(end - at, CopyBufferSize - (at % CopyBufferSize));
                pieces.Add((at, n));
                at += n;
            }
        }

        // Reads run ahead on the thread pool (page-cache copies in parallel); the sink takes the
        // pieces in order.
        var buffers = new byte[ReadAhead + 1][];
        var reads = new Task[pieces.Count];
        void StartRead(int i)
        {
            if (i < pieces.Count)
            {
                var buffer = buffers[i % buffers.Length] ??= ArrayPool<byte>.Shared.Rent(CopyBufferSize);
                reads[i] = Task.Run(() => ReadPiece(handle, pieces[i], buffer, length, p));
            }
        }

        for (var i = 0; i < ReadAhead; i++)
        {
            StartRead(i);
        }

        try
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                reads[i].GetAwaiter().GetResult();
                StartRead(i + ReadAhead);
                sink.Write(p.Offset + pieces[i].Offset, buffers[i % buffers.Length].AsSpan(0, pieces[i].Length));
            }
        }
        finally
        {
            // No read may still be filling a buffer once this returns or throws; a failure of one
            // of them is not what the caller needs to hear about if another error came first.
            foreach (var read in reads)
            {
                try
                {
                    read?.Wait();
                }
                catch (AggregateException)
                {
                }
            }

            // Pooled: five disk formats built side by side would otherwise leave megabytes of garbage each.
            foreach (var buffer in buffers.OfType<byte[]>())
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static void ReadPiece(SafeFileHandle handle, (long Offset, int Length) piece, byte[] buffer, long length, PlannedPartition p)
    {
        var got = 0;
        while (got < piece.Length)
        {
            var r = RandomAccess.Read(handle, buffer.AsSpan(got, piece.Length - got), piece.Offset + got);
            if (r <= 0)
            {
                throw new IOException($"Partition '{p.Name}' content ended after {ByteSize.Bytes(piece.Offset + got)}; it announced {ByteSize.Bytes(length)}.");
            }

            got += r;
        }
    }

    private static void Copy(Stream input, long length, PlannedPartition p, IDiskImageSink sink)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            CopyWith(buffer, input, length, p, sink);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CopyWith(byte[] buffer, Stream input, long length, PlannedPartition p, IDiskImageSink sink)
    {
        long done = 0;
        while (done < length)
        {
            var want = (int)Math.Min(CopyBufferSize, length - done);
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

    /// <summary>A sink that writes nothing and notes which clusters hold data.</summary>
    private sealed class ClusterScan(long capacity, int clusterSize, List<long> clusters) : IDiskImageSink
    {
        private readonly BlockAssembler _assembler = new(clusterSize, capacity, (index, _) => clusters.Add(index));

        public long Capacity => capacity;

        public void Write(long offset, ReadOnlySpan<byte> data) => _assembler.Write(offset, data);

        public void Complete() => _assembler.Flush();

        public void Dispose()
        {
        }
    }
}
