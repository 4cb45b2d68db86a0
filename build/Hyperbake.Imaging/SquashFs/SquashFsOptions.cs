using System.Globalization;
using System.Numerics;

namespace Hyperbake.Imaging.SquashFs;

/// <summary>
/// How a squashfs image is written. Defaults follow mksquashfs (gzip level 9, 128 KiB blocks,
/// fragments, duplicate detection, NFS export table, 4 KiB padding) except that file tails are
/// always packed into fragments (mksquashfs's -always-use-fragments), which makes smaller images.
/// </summary>
public sealed record SquashFsOptions
{
    public const int MinBlockSize = 4096;
    public const int MaxBlockSize = 1 << 20;
    public const int DefaultBlockSize = 1 << 17;

    public SquashFsCompression Compression { get; init; } = SquashFsCompression.Gzip;

    /// <summary>zlib level 1..9 (9 is mksquashfs's gzip default).</summary>
    public int CompressionLevel { get; init; } = 9;

    /// <summary>Data block size: a power of two from 4 KiB to 1 MiB.</summary>
    public int BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Pack files smaller than a block into shared fragment blocks (off = mksquashfs -no-fragments).</summary>
    public bool Fragments { get; init; } = true;

    /// <summary>Also pack the tail of files larger than a block into fragments (mksquashfs -always-use-fragments).</summary>
    public bool TailPacking { get; init; } = true;

    /// <summary>Store files with identical content once (their inodes share blocks and fragment).</summary>
    public bool DuplicateDetection { get; init; } = true;

    /// <summary>Write the inode lookup table that lets the image be exported over NFS.</summary>
    public bool Exportable { get; init; } = true;

    /// <summary>The superblock's mkfs time in seconds since the epoch (SOURCE_DATE_EPOCH); never taken from the clock.</summary>
    public long SourceDateEpoch { get; init; }

    /// <summary>Blocks compressed at once (default: all cores); 1 compresses on the reading thread. The bytes written do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Compressed blocks of an earlier build to reuse (same settings); null compresses everything.</summary>
    public ISquashFsBlockCache? BlockCache { get; init; }

    /// <summary>Where <see cref="SquashFsBuilder.ComputeSize"/> keeps the image it builds to learn its size (default: the system temp folder).</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>
    /// Reads mksquashfs-like words: <c>gzip</c>/<c>zlib</c>/<c>none</c> (or <c>comp=…</c>),
    /// <c>level=9</c>, <c>block-size=128K</c>, <c>no-fragments</c>, <c>no-tail-packing</c>,
    /// <c>no-duplicates</c>, <c>no-exports</c>, <c>source-date-epoch=N</c>, <c>processors=N</c>.
    /// </summary>
    public static SquashFsOptions Parse(IEnumerable<string> words, SquashFsOptions? defaults = null)
    {
        var options = defaults ?? new SquashFsOptions();
        foreach (var raw in words)
        {
            var word = raw.Trim();
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? word : word[..equals]).ToLowerInvariant();
            var value = equals < 0 ? null : word[(equals + 1)..];
            options = (key, value) switch
            {
                ("gzip" or "zlib", null) => options with { Compression = SquashFsCompression.Gzip },
                ("none" or "uncompressed", null) => options with { Compression = SquashFsCompression.None },
                ("comp" or "compression", { } v) => options with { Compression = ParseCompression(v) },
                ("level" or "compression-level", { } v) => options with { CompressionLevel = ParseInt(word, v) },
                ("block-size" or "b", { } v) => options with { BlockSize = ParseSize(word, v) },
                ("no-fragments", null) => options with { Fragments = false },
                ("fragments", null) => options with { Fragments = true },
                ("no-tail-packing" or "no-tailends", null) => options with { TailPacking = false },
                ("tail-packing" or "always-use-fragments", null) => options with { TailPacking = true },
                ("no-duplicates", null) => options with { DuplicateDetection = false },
                ("no-exports", null) => options with { Exportable = false },
                ("exports", null) => options with { Exportable = true },
                ("source-date-epoch" or "mkfs-time", { } v) => options with { SourceDateEpoch = ParseLong(word, v) },
                ("processors", { } v) => options with { MaxDegreeOfParallelism = ParseInt(word, v) },
                _ => throw new ArgumentException(
                    $"Unknown squashfs option '{raw}'. Use gzip|zlib|none, level=1..9, block-size=4K..1M, no-fragments, no-tail-packing, no-duplicates, no-exports, source-date-epoch=N or processors=N."),
            };
        }

        options.Validate();
        return options;
    }

    /// <summary>Throws one clear message for the first setting out of range.</summary>
    public void Validate()
    {
        if (BlockSize is < MinBlockSize or > MaxBlockSize || !BitOperations.IsPow2(BlockSize))
        {
            throw new ArgumentException($"squashfs block size {BlockSize} is not allowed; use a power of two from 4096 (4K) to 1048576 (1M), e.g. 131072.");
        }

        if (CompressionLevel is < 1 or > 9)
        {
            throw new ArgumentException($"squashfs gzip level {CompressionLevel} is not allowed; use 1 (fastest) to 9 (smallest, mksquashfs's default).");
        }

        if (SourceDateEpoch is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"SOURCE_DATE_EPOCH {SourceDateEpoch} does not fit squashfs's 32-bit unsigned time; use a value from 0 to {uint.MaxValue}.");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"squashfs processors={MaxDegreeOfParallelism} is not allowed; use 1 or more.");
        }
    }

    private static SquashFsCompression ParseCompression(string value) => value.ToLowerInvariant() switch
    {
        "gzip" or "zlib" => SquashFsCompression.Gzip,
        "none" or "uncompressed" => SquashFsCompression.None,
        _ => throw new ArgumentException($"squashfs compression '{value}' is not supported; use gzip (also called zlib) or none."),
    };

    private static int ParseInt(string word, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"squashfs option '{word}' needs a whole number.");

    private static long ParseLong(string word, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"squashfs option '{word}' needs a whole number of seconds.");

    private static int ParseSize(string word, string value)
    {
        var multiplier = 1;
        var digits = value.Trim();
        if (digits.EndsWith('k') || digits.EndsWith('K'))
        {
            multiplier = 1024;
            digits = digits[..^1];
        }
        else if (digits.EndsWith('m') || digits.EndsWith('M'))
        {
            multiplier = 1 << 20;
            digits = digits[..^1];
        }

        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue / multiplier
            ? n * multiplier
            : throw new ArgumentException($"squashfs option '{word}' needs a size such as 131072, 128K or 1M.");
    }
}
