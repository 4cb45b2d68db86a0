using Build.Caching;
using Hyperbake.Cache.Files;
using Hyperbake.Cache.Fingerprints;
using Hyperbake.Host;
using Hyperbake.Imaging.Disks;

namespace Build.Stages.Live;

/// <summary>
/// EVE's <c>LIVE_UPDATE=1</c> for an ext4 rootfs: instead of writing live.raw anew, the live image
/// of the last build is taken over (renamed, not copied) and only the blocks of the IMGA partition
/// that differ from the new rootfs.img are written. The partition table, ESP and CONFIG must be
/// those of the last build (same layout, same efi.img and config.img), so the result is byte for
/// byte what a full build writes. Anything else, and the image is written in full.
/// </summary>
public static class LiveUpdate
{
    private const int Chunk = 1 << 20;

    /// <summary><c>LIVE_UPDATE=1</c> in the environment, <c>--live-update</c>, or <c>Build_LiveUpdate=1</c> in cake.config.</summary>
    public static bool Requested(ICakeContext task) =>
        task.Arguments.HasArgument("live-update")
        || Environment.GetEnvironmentVariable("LIVE_UPDATE") is "1" or "true"
        || task.Configuration.GetValue("Build_LiveUpdate") is "1" or "true";

    /// <summary>
    /// Patches the last build's live image into <paramref name="destination"/> when it can; false
    /// (nothing moved) when the image must be written in full.
    /// </summary>
    public static bool TryPatch(ICakeContext task, LiveBuild build, Fingerprint fingerprint, DiskPlan plan, string rootfsImage, string destination)
    {
        if (build.Cache.LastBuild(fingerprint.Instance) is not { Directory: { } lastDirectory } last
            || last.Outputs.SingleOrDefault() is not { } stamp
            || !SameExceptRootfs(last, fingerprint, Path.GetFileName(rootfsImage)))
        {
            task.Log.Information("LIVE_UPDATE: no earlier live image with the same layout, ESP and CONFIG; writing it in full.");
            return false;
        }

        var previous = Path.Combine(lastDirectory, stamp.Name);
        var info = new FileInfo(previous);
        if (!info.Exists || info.Length != stamp.Size || info.LastWriteTimeUtc.Ticks != stamp.MtimeTicks)
        {
            task.Log.Information("LIVE_UPDATE: {0} is gone or was changed since it was built; writing it in full.", previous);
            return false;
        }

        var imgA = plan.Partitions.Single(p => p.Name == "IMGA");
        var length = new FileInfo(rootfsImage).Length;
        if (length > imgA.Size)
        {
            throw new InvalidOperationException($"{rootfsImage} ({length} bytes) does not fit IMGA ({imgA.Size} bytes); raise the recipe's IMGA size.");
        }

        // The image leaves the last build's folder (its state first, so nothing there trusts it any more).
        build.Cache.Forget(lastDirectory, fingerprint.Instance);
        File.Move(previous, destination);
        var written = Patch(destination, imgA, rootfsImage);
        task.Log.Information("LIVE_UPDATE: patched {0} in place: {1} KiB of IMGA rewritten.", Path.GetFileName(destination), written / 1024);
        return true;
    }

    /// <summary>Makes IMGA hold <paramref name="rootfsImage"/> followed by zeros, writing only what differs; returns the bytes written.</summary>
    private static long Patch(string disk, PlannedPartition imgA, string rootfsImage)
    {
        using var target = File.OpenHandle(disk, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using var source = new SparseFileStream(rootfsImage);
        var wanted = new byte[Chunk];
        var present = new byte[Chunk];
        var written = 0L;
        for (var offset = 0L; offset < source.Length;)
        {
            var n = (int)Math.Min(Chunk, source.Length - offset);
            source.ReadExactly(wanted, 0, n);
            ReadExactly(target, present.AsSpan(0, n), imgA.Offset + offset);
            if (!wanted.AsSpan(0, n).SequenceEqual(present.AsSpan(0, n)))
            {
                for (var i = 0; i < n; i += 4096)
                {
                    var block = Math.Min(4096, n - i);
                    if (!wanted.AsSpan(i, block).SequenceEqual(present.AsSpan(i, block)))
                    {
                        RandomAccess.Write(target, wanted.AsSpan(i, block), imgA.Offset + offset + i);
                        written += block;
                    }
                }
            }

            offset += n;
        }

        // What the old rootfs left beyond the new one's end becomes holes again.
        var tail = imgA.Offset + source.Length;
        foreach (var extent in FileExtents.Data(target, RandomAccess.GetLength(target)))
        {
            var start = Math.Max(extent.Offset, tail);
            var end = Math.Min(extent.End, imgA.End);
            if (start < end)
            {
                SparseCopy.Zero(target, start, end - start);
                written += end - start;
            }
        }

        return written;
    }

    private static bool SameExceptRootfs(StageState last, Fingerprint current, string rootfsName)
    {
        var before = last.Inputs.ToDictionary(i => i.Kind + ":" + i.Name, i => i.Hash, StringComparer.Ordinal);
        var after = current.Inputs.ToDictionary(i => i.Kind + ":" + i.Name, i => i.Hash, StringComparer.Ordinal);
        var rootfs = "file:" + rootfsName;
        return before.Count == after.Count
            && after.All(kv => kv.Key == rootfs || (before.TryGetValue(kv.Key, out var hash) && hash == kv.Value));
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(file, buffer, offset);
            if (n == 0)
            {
                buffer.Clear();
                return;
            }

            buffer = buffer[n..];
            offset += n;
        }
    }
}
