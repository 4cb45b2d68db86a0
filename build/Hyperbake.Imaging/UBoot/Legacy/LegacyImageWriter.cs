using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.UBoot.Legacy;

/// <summary>
/// Writes legacy U-Boot images as <c>mkimage</c> does. Single-payload types (kernel, ramdisk,
/// firmware…) hold the payload as is. <c>multi</c> and <c>script</c> hold a table of
/// big-endian sizes ending in a zero word, then each payload, every one but the last padded
/// to four bytes.
/// </summary>
public static class LegacyImageWriter
{
    /// <summary>A boot script image, as <c>mkimage -T script -C none -d file.source out.scr</c>.</summary>
    public static byte[] Script(ReadOnlySpan<byte> source, LegacyImageOptions options)
    {
        if (source.IsEmpty)
        {
            throw new ArgumentException("The script source is empty; mkimage refuses an empty input (\"Input file is empty, bailing out\") and U-Boot would run nothing.");
        }

        return Build(MultiPayload([source.ToArray()]), options with { Type = UBootImageType.Script });
    }

    /// <summary>A multi-file image (<c>mkimage -T multi -d a:b:c</c>).</summary>
    public static byte[] Multi(IReadOnlyList<byte[]> payloads, LegacyImageOptions options) =>
        Build(MultiPayload(payloads), options with { Type = UBootImageType.Multi });

    /// <summary>A single-payload image of the type in <paramref name="options"/>.</summary>
    public static byte[] Single(ReadOnlySpan<byte> payload, LegacyImageOptions options)
    {
        if (options.Type is UBootImageType.Multi or UBootImageType.Script)
        {
            throw new ArgumentException($"Image type {options.Type} carries a size table; use {nameof(Multi)} or {nameof(Script)}.");
        }

        return Build(payload, options);
    }

    /// <summary>
    /// Streams a single-payload image from <paramref name="payload"/> to <paramref name="output"/>
    /// without holding the payload in memory (two passes: CRC, then copy).
    /// </summary>
    public static void WriteSingle(Stream output, Func<Stream> payload, LegacyImageOptions options)
    {
        uint crc = 0;
        long length = 0;
        var buffer = new byte[1 << 20];
        using (var s = payload())
        {
            int n;
            while ((n = s.Read(buffer)) > 0)
            {
                crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                length += n;
            }
        }

        output.Write(Header(options, length, crc));
        using (var s = payload())
        {
            s.CopyTo(output);
        }
    }

    private static byte[] Build(ReadOnlySpan<byte> data, LegacyImageOptions options)
    {
        var image = new byte[LegacyImageHeader.Size + data.Length];
        Header(options, data.Length, Crc32.Compute(data)).CopyTo(image, 0);
        data.CopyTo(image.AsSpan(LegacyImageHeader.Size));
        return image;
    }

    private static byte[] Header(LegacyImageOptions options, long dataLength, uint dataCrc)
    {
        if (dataLength > uint.MaxValue)
        {
            throw new ArgumentException($"A legacy U-Boot image holds at most 4 GiB of data; this payload is {dataLength} bytes.");
        }

        if (options.SourceDateEpoch is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"SOURCE_DATE_EPOCH {options.SourceDateEpoch} does not fit the 32-bit image timestamp.");
        }

        return new LegacyImageHeader
        {
            Timestamp = (uint)options.SourceDateEpoch,
            DataSize = (uint)dataLength,
            LoadAddress = options.LoadAddress,
            EntryPoint = options.EntryPoint,
            DataCrc = dataCrc,
            Os = options.Os,
            Architecture = options.Architecture,
            Type = options.Type,
            Compression = options.Compression,
            Name = options.Name,
        }.ToBytes();
    }

    private static byte[] MultiPayload(IReadOnlyList<byte[]> payloads)
    {
        var length = (payloads.Count + 1) * 4;
        for (var i = 0; i < payloads.Count; i++)
        {
            length += i == payloads.Count - 1 ? payloads[i].Length : (payloads[i].Length + 3) & ~3;
        }

        var data = new byte[length];
        var at = 0;
        foreach (var p in payloads)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(at), (uint)p.Length);
            at += 4;
        }

        at += 4; // the zero word that ends the size table
        for (var i = 0; i < payloads.Count; i++)
        {
            payloads[i].CopyTo(data, at);
            at += i == payloads.Count - 1 ? payloads[i].Length : (payloads[i].Length + 3) & ~3;
        }

        return data;
    }
}
