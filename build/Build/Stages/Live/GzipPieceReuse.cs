using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Build.Stages.Live;

/// <summary>
/// The deflated pieces of an earlier <see cref="ZeroRunGzipStream"/> output, found by the SHA-256
/// of their input: a rootfs change touches a few MiB of a disk image, so a rebuild of its gzip
/// compresses those and copies the rest from the last output. Each taken piece is checked against
/// the SHA-256 of its compressed bytes recorded with it, so a damaged or replaced earlier output
/// only costs compression. The index also records the runtime, whose zlib makes the bytes.
/// </summary>
public sealed class GzipPieceReuse : IDisposable
{
    private const string Format = "hyperbake-gzip-pieces-v1";

    private readonly Dictionary<string, Piece> _earlier;
    private readonly SafeFileHandle? _earlierFile;
    private readonly StringBuilder _index = new();
    private byte[] _buffer = [];

    private GzipPieceReuse(Dictionary<string, Piece> earlier, SafeFileHandle? earlierFile)
    {
        _earlier = earlier;
        _earlierFile = earlierFile;
        _index.Append(Header).Append('\n');
    }

    /// <summary>Pieces taken from the earlier output.</summary>
    public int Reused { get; private set; }

    /// <summary>Pieces recorded for this output.</summary>
    public int Recorded { get; private set; }

    private static string Header => $"{Format} {RuntimeInformation.FrameworkDescription.Replace(' ', '_')}";

    /// <summary>The name of the index kept beside a gzip output (hidden: it is not a release artefact).</summary>
    public static string IndexName(string output) => "." + output + ".pieces";

    /// <summary>
    /// Reuse from <paramref name="earlierOutput"/> as its index <paramref name="earlierIndex"/>
    /// describes it; nothing to reuse when either is missing or the index is of another format or runtime.
    /// </summary>
    public static GzipPieceReuse Open(string earlierOutput, string earlierIndex)
    {
        var earlier = new Dictionary<string, Piece>(StringComparer.Ordinal);
        if (!File.Exists(earlierOutput) || !File.Exists(earlierIndex))
        {
            return new GzipPieceReuse(earlier, null);
        }

        using (var reader = new StreamReader(earlierIndex))
        {
            if (reader.ReadLine() != Header)
            {
                return new GzipPieceReuse(earlier, null);
            }

            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split(' ');
                if (fields.Length == 4
                    && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                    && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    earlier.TryAdd(fields[0], new Piece(offset, length, fields[3]));
                }
            }
        }

        try
        {
            return new GzipPieceReuse(earlier, File.OpenHandle(earlierOutput, FileMode.Open, FileAccess.Read, FileShare.Read));
        }
        catch (IOException)
        {
            return new GzipPieceReuse([], null);
        }
    }

    /// <summary>What names a piece: its input's SHA-256, length and the compression level.</summary>
    public static string KeyOf(ReadOnlySpan<byte> input, CompressionLevel level) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(input))}-{input.Length}-{(int)level}";

    /// <summary>
    /// The earlier output's compressed bytes for <paramref name="key"/>, when it had them intact;
    /// valid until the next call.
    /// </summary>
    public bool TryTake(string key, out ReadOnlySpan<byte> compressed)
    {
        compressed = default;
        if (_earlierFile is null || !_earlier.TryGetValue(key, out var piece))
        {
            return false;
        }

        if (_buffer.Length < piece.Length)
        {
            _buffer = new byte[piece.Length];
        }

        var bytes = _buffer.AsSpan(0, piece.Length);
        if (RandomAccess.Read(_earlierFile, bytes, piece.Offset) != bytes.Length
            || Convert.ToHexStringLower(SHA256.HashData(bytes)) != piece.Sha256)
        {
            return false;
        }

        Reused++;
        compressed = bytes;
        return true;
    }

    /// <summary>Notes where this output holds the piece for <paramref name="key"/>.</summary>
    public void Record(string key, long offset, ReadOnlySpan<byte> compressed)
    {
        _index.Append(CultureInfo.InvariantCulture, $"{key} {offset} {compressed.Length} {Convert.ToHexStringLower(SHA256.HashData(compressed))}\n");
        Recorded++;
    }

    /// <summary>Writes the index of this output.</summary>
    public void WriteIndex(string path) => File.WriteAllText(path, _index.ToString());

    public void Dispose() => _earlierFile?.Dispose();

    private readonly record struct Piece(long Offset, int Length, string Sha256);
}
