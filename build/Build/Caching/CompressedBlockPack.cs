using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hyperbake.Imaging.SquashFs;

namespace Build.Caching;

/// <summary>
/// The compressed blocks of the last squashfs build, keyed by the SHA-256 of their uncompressed
/// bytes, kept as a file beside the image (and in the cache with it). The next build after a
/// small rootfs change reuses every unchanged block and compresses only the rest; the image is
/// the same byte for byte. The file ends with a SHA-256 of itself: a damaged pack is ignored.
/// </summary>
public sealed class CompressedBlockPack : ISquashFsBlockCache
{
    private static readonly byte[] Magic = "HBSQPK01"u8.ToArray();
    private const int HashLength = 32;

    private readonly string _settings;
    private readonly Dictionary<string, byte[]> _known;
    private readonly ConcurrentDictionary<string, byte[]> _used = new(StringComparer.Ordinal);
    private int _hits;

    private CompressedBlockPack(string settings, Dictionary<string, byte[]> known)
    {
        _settings = settings;
        _known = known;
    }

    /// <summary>Blocks found in the earlier pack during this build.</summary>
    public int Hits => _hits;

    /// <summary>Blocks this build compressed (or stored) itself.</summary>
    public int Misses => _used.Count - _hits;

    /// <summary>An empty pack for <paramref name="settings"/> (e.g. <c>gzip-9-131072</c>).</summary>
    public static CompressedBlockPack Empty(string settings) => new(settings, new Dictionary<string, byte[]>(StringComparer.Ordinal));

    /// <summary>The pack at <paramref name="path"/> when it exists, is intact and was made with the same settings; else an empty one.</summary>
    public static CompressedBlockPack Load(string? path, string settings)
    {
        if (path is null || !File.Exists(path))
        {
            return Empty(settings);
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < Magic.Length + HashLength
                || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
                || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            {
                return Empty(settings);
            }

            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - HashLength));
            reader.ReadBytes(Magic.Length);
            if (reader.ReadString() != settings)
            {
                return Empty(settings);
            }

            var count = reader.ReadInt32();
            var known = new Dictionary<string, byte[]>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = Convert.ToHexStringLower(reader.ReadBytes(HashLength));
                known[key] = reader.ReadBytes(reader.ReadInt32());
            }

            return new CompressedBlockPack(settings, known);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException)
        {
            return Empty(settings);
        }
    }

    public byte[]? Find(ReadOnlySpan<byte> block)
    {
        var key = Key(block);
        if (!_known.TryGetValue(key, out var compressed))
        {
            return null;
        }

        if (_used.TryAdd(key, compressed))
        {
            Interlocked.Increment(ref _hits);
        }

        return compressed;
    }

    public void Add(ReadOnlySpan<byte> block, ReadOnlySpan<byte> compressed) => _used[Key(block)] = compressed.ToArray();

    /// <summary>Writes the blocks this build used (sorted, so equal builds give equal packs).</summary>
    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(_settings);
            writer.Write(_used.Count);
            foreach (var (key, compressed) in _used.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.Write(Convert.FromHexString(key));
                writer.Write(compressed.Length);
                writer.Write(compressed);
            }
        }

        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, buffer.ToArray());
    }

    private static string Key(ReadOnlySpan<byte> block) => Convert.ToHexStringLower(SHA256.HashData(block));
}
