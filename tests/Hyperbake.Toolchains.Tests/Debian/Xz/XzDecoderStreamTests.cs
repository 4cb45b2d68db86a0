using System.Security.Cryptography;
using System.Text;
using Hyperbake.Testing;
using Hyperbake.Toolchains.Debian.Xz;

namespace Hyperbake.Toolchains.Tests.Debian.Xz;

/// <summary>Decodes what the reference <c>xz</c> produces, for every check kind and awkward input.</summary>
public sealed class XzDecoderStreamTests
{
    public static TheoryData<string, string> Inputs() => new()
    {
        { "empty", "-6" },
        { "text", "-6" },
        { "text", "-0" },
        { "text", "-9e" },
        { "random", "-6" },
        { "mixed", "-6" },
        { "runs", "-1" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Decodes_what_xz_encodes(string kind, string level)
    {
        var original = Make(kind);
        var compressed = Compress(original, level, "--check=crc64");
        XzDecoderStream.Decompress(compressed).Should().Equal(original);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("crc32")]
    [InlineData("crc64")]
    [InlineData("sha256")]
    public void Verifies_every_check_kind(string checkKind)
    {
        var original = Make("mixed");
        XzDecoderStream.Decompress(Compress(original, "-6", "--check=" + checkKind)).Should().Equal(original);
    }

    [Fact]
    public void Decodes_multiple_blocks_and_concatenated_streams_with_padding()
    {
        var a = Make("text");
        var b = Make("mixed");
        var first = Compress(a, "-6", "--block-size=100000");
        var second = Compress(b, "-6", "--check=crc32");
        byte[] joined = [.. first, 0, 0, 0, 0, .. second];

        XzDecoderStream.Decompress(joined).Should().Equal([.. a, .. b]);
    }

    [Fact]
    public void A_corrupted_byte_is_reported()
    {
        var compressed = Compress(Make("text"), "-6", "--check=crc64");
        compressed[compressed.Length / 2] ^= 0x55;

        var act = () => XzDecoderStream.Decompress(compressed);

        act.Should().Throw<XzFormatException>().WithMessage("Corrupt*");
    }

    [Fact]
    public void Other_filters_are_named_in_the_error()
    {
        var compressed = Compress(Make("text"), "--x86", "--lzma2=preset=6");
        var act = () => XzDecoderStream.Decompress(compressed);
        act.Should().Throw<XzFormatException>().WithMessage("Unsupported .xz filter 0x04*");
    }

    [Fact]
    public void Not_xz_data_is_rejected()
    {
        var act = () => XzDecoderStream.Decompress(Encoding.ASCII.GetBytes("this is plain text, not xz"));
        act.Should().Throw<XzFormatException>().WithMessage("Not .xz data*");
    }

    internal static byte[] Make(string kind)
    {
        var random = new Random(1234);
        switch (kind)
        {
            case "empty":
                return [];
            case "random":
                var bytes = new byte[300_000];
                random.NextBytes(bytes);
                return bytes;
            case "runs":
                return [.. Enumerable.Range(0, 3_000_000).Select(i => (byte)(i / 100_000))];
            case "text":
                var text = new StringBuilder();
                for (var i = 0; i < 40_000; i++)
                {
                    text.Append("Package: pkg").Append(i % 977).Append("\nVersion: 1.").Append(i % 13).Append("-").Append(random.Next(100)).Append('\n');
                }

                return Encoding.UTF8.GetBytes(text.ToString());
            default:
                // Compressible text with incompressible stretches: forces stored and LZMA chunks in one block.
                var mixed = new MemoryStream();
                for (var i = 0; i < 8; i++)
                {
                    mixed.Write(Make("text").AsSpan(0, 200_000));
                    var noise = new byte[70_000 + i];
                    random.NextBytes(noise);
                    mixed.Write(noise);
                }

                return mixed.ToArray();
        }
    }

    internal static byte[] Compress(byte[] data, params string[] options)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["in"], data);
        ExternalTool.Check("xz", [.. options, "-k", "-T1", temp["in"]]);
        return File.ReadAllBytes(temp["in.xz"]);
    }
}
