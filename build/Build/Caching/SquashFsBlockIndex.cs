using System.Collections.Concurrent;
using Hyperbake.Imaging.SquashFs;
using Microsoft.Win32.SafeHandles;

namespace Build.Caching;

/// <summary>
/// Where the last squashfs build put each data and fragment block, keyed by the SHA-256 of the
/// block's uncompressed bytes, kept as a file beside the image (and in the cache with it). The
/// next build after a small rootfs change copies every unchanged block from the last image and
/// compresses only the rest; the image is the same byte for byte. Only this index (kilobytes) is
/// written per build, not a second copy of the compressed data. Each entry holds a CRC-32C of the
/// stored bytes (the checksum ext4 and btrfs keep for their blocks: it catches every flipped byte
/// at a fraction of a SHA-256's cost), checked before a block is reused, and the file ends with a
/// SHA-256 of itself: a damaged index is ignored, a damaged block is compressed again.
/// </summary>
public sealed class SquashFsBlockIndex : ISquashFsBlockCache, IDisposable
{
    private static readonly byte[] Magic = "HBSQIX02"u8.ToArray();
    private const int HashLength = 32;

    private readonly string _settings;
    private readonly Dictionary<string, Entry> _known;
    private readonly SafeFileHandle? _image;
    private readonly ConcurrentDictionary<string, uint> _verified = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _stored = new(StringComparer.Ordinal);
    private int _hits;
    private int _misses;

    private SquashFsBlockIndex(string settings, Dictionary<string, Entry> known, SafeFileHandle? image)
    {
        _settings = settings;
        _known = known;
        _image = image;
    }

    /// <summary>Blocks taken from the last image during this build.</summary>
    public int Hits => _hits;

    /// <summary>Blocks this build compressed itself.</summary>
    public int Misses => _misses;

    /// <summary>
    /// The settings blocks are reused under: compression, level and block size, and the runtime
    /// (its zlib), since only the same compressor makes the same bytes a clean build would.
    /// </summary>
    public static string Settings(SquashFsOptions options) =>
        $"{options.Compression}-{options.CompressionLevel}-{options.BlockSize}-{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";

    /// <summary>An empty index for <paramref name="settings"/>: every block is compressed.</summary>
    public static SquashFsBlockIndex Empty(string settings) => new(settings, new Dictionary<string, Entry>(StringComparer.Ordinal), null);

    /// <summary>
    /// The index at <paramref name="indexPath"/> over the image it describes (<paramref name="imagePath"/>)
    /// when both exist, the index is intact and was made with the same settings; else an empty one.
    /// </summary>
    public static SquashFsBlockIndex Load(string? indexPath, string? imagePath, string settings)
    {
        if (indexPath is null || imagePath is null || !File.Exists(indexPath) || !File.Exists(imagePath))
        {
            return Empty(settings);
        }

        try
        {
            if (!SealedFile.TryOpen(File.ReadAllBytes(indexPath), out var body)
                || body.Count < Magic.Length
                || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                return Empty(settings);
            }

            using var reader = new BinaryReader(new MemoryStream(body.Array!, body.Offset + Magic.Length, body.Count - Magic.Length));
            if (reader.ReadString() != settings)
            {
                return Empty(settings);
            }

            var count = reader.ReadInt32();
            var known = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = Key(reader.ReadBytes(HashLength));
                var offset = reader.ReadInt64();
                var length = reader.ReadInt32();
                var uncompressed = reader.ReadBoolean();
                known[key] = new Entry(offset, length, uncompressed, uncompressed ? 0 : reader.ReadUInt32());
            }

            return new SquashFsBlockIndex(settings, known, File.OpenHandle(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read));
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return Empty(settings);
        }
    }

    public int Find(ReadOnlySpan<byte> sha256, Span<byte> output)
    {
        var key = Key(sha256);
        if (_image is null || !_known.TryGetValue(key, out var entry))
        {
            Interlocked.Increment(ref _misses);
            return -1;
        }

        if (!entry.Uncompressed)
        {
            // The bytes come from another file: reused only when they are the ones indexed.
            var stored = entry.Length <= output.Length ? output[..entry.Length] : default;
            if (stored.IsEmpty || !TryRead(entry.Offset, stored) || Crc32C(stored) != entry.StoredCrc32C)
            {
                Interlocked.Increment(ref _misses);
                return -1;
            }

            _verified[key] = entry.StoredCrc32C;
        }

        Interlocked.Increment(ref _hits);
        return entry.Uncompressed ? 0 : entry.Length;
    }

    /// <summary>Called in image order by the one writing thread; a block met twice keeps its first place.</summary>
    public void Stored(ReadOnlySpan<byte> sha256, ReadOnlySpan<byte> stored, bool uncompressed, long offset)
    {
        var key = Key(sha256);
        if (_stored.ContainsKey(key))
        {
            return;
        }

        // A reused block's checksum is known (checked on the way in); only the blocks compressed now are summed.
        var digest = uncompressed ? 0 : _verified.TryGetValue(key, out var known) ? known : Crc32C(stored);
        _stored[key] = new Entry(offset, stored.Length, uncompressed, digest);
    }

    /// <summary>Writes where this build put its blocks (sorted, so equal images give equal indexes).</summary>
    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(_settings);
            writer.Write(_stored.Count);
            foreach (var (key, entry) in _stored.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.Write(Convert.FromHexString(key));
                writer.Write(entry.Offset);
                writer.Write(entry.Length);
                writer.Write(entry.Uncompressed);
                if (!entry.Uncompressed)
                {
                    writer.Write(entry.StoredCrc32C);
                }
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, SealedFile.Seal(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    public void Dispose() => _image?.Dispose();

    private bool TryRead(long offset, Span<byte> target)
    {
        try
        {
            return RandomAccess.Read(_image!, target, offset) == target.Length;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Key(ReadOnlySpan<byte> sha256) => Convert.ToHexStringLower(sha256);

    /// <summary>CRC-32C (Castagnoli) of <paramref name="bytes"/>, eight bytes per step (the CPU's crc32 instruction where there is one).</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            crc = System.Numerics.BitOperations.Crc32C(crc, word);
        }

        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
        {
            crc = System.Numerics.BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    /// <param name="StoredCrc32C">The CRC-32C of the stored bytes (0 for a block stored uncompressed: the caller has its bytes).</param>
    private sealed record Entry(long Offset, int Length, bool Uncompressed, uint StoredCrc32C);
}
