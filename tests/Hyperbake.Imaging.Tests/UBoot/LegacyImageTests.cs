using System.Text;
using Hyperbake.Imaging.UBoot;
using Hyperbake.Imaging.UBoot.Legacy;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.UBoot;

public sealed class LegacyImageTests
{
    private static readonly LegacyImageOptions Base = new() { SourceDateEpoch = Tool.Epoch };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(10001)]
    public void Script_equals_mkimage_byte_for_byte(int length)
    {
        // Given a script source of an awkward length
        using var tmp = new TempDirectory();
        var source = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26)))));
        File.WriteAllBytes(tmp["boot.source"], source);

        // When both write it
        Tool.Run("mkimage", "-A", "arm64", "-T", "script", "-C", "none", "-a", "0xC00000", "-e", "0xC00000", "-d", tmp["boot.source"], tmp["ref.scr"]);
        var ours = LegacyImageWriter.Script(source, Base with { LoadAddress = 0xC00000, EntryPoint = 0xC00000 });

        // Then the bytes are the same and mkimage -l lists ours as it lists its own
        ours.Should().Equal(File.ReadAllBytes(tmp["ref.scr"]));
        ours.Length.Should().Be(length + 72);
        File.WriteAllBytes(tmp["ours.scr"], ours);
        Tool.Run("mkimage", "-l", tmp["ours.scr"]).Should().Be(Tool.Run("mkimage", "-l", tmp["ref.scr"]));
        LegacyImageListing.Format(ours).Should().Be(Tool.Run("mkimage", "-l", tmp["ref.scr"]));
    }

    [Theory]
    [InlineData("arm64", UBootArchitecture.Arm64, "kernel", UBootImageType.Kernel, "none", UBootCompression.None)]
    [InlineData("arm", UBootArchitecture.Arm, "kernel", UBootImageType.Kernel, "none", UBootCompression.None)]
    [InlineData("arm64", UBootArchitecture.Arm64, "ramdisk", UBootImageType.Ramdisk, "gzip", UBootCompression.Gzip)]
    [InlineData("riscv", UBootArchitecture.RiscV, "firmware", UBootImageType.Firmware, "none", UBootCompression.None)]
    public void Single_images_equal_mkimage(string arch, UBootArchitecture a, string type, UBootImageType t, string comp, UBootCompression c)
    {
        using var tmp = new TempDirectory();
        var payload = new byte[123457];
        new Random(5).NextBytes(payload);
        File.WriteAllBytes(tmp["payload"], payload);
        Tool.Run("mkimage", "-A", arch, "-O", "linux", "-T", type, "-C", comp, "-a", "0x80080000", "-e", "0x80080000", "-n", "Hyperbake test image", "-d", tmp["payload"], tmp["ref.img"]);
        var options = Base with { Architecture = a, Type = t, Compression = c, LoadAddress = 0x80080000, EntryPoint = 0x80080000, Name = "Hyperbake test image" };
        var ours = LegacyImageWriter.Single(payload, options);
        ours.Should().Equal(File.ReadAllBytes(tmp["ref.img"]));

        // The streaming writer gives the same bytes.
        using var ms = new MemoryStream();
        LegacyImageWriter.WriteSingle(ms, () => new MemoryStream(payload), options);
        ms.ToArray().Should().Equal(ours);

        var header = LegacyImageHeader.Read(ours);
        header.Name.Should().Be("Hyperbake test image");
        header.Timestamp.Should().Be((uint)Tool.Epoch);
        File.WriteAllBytes(tmp["ours.img"], ours);
        Tool.Run("dumpimage", "-l", tmp["ours.img"]).Should().Contain("Hyperbake test image").And.Contain("Load Address: 80080000");
        Tool.Run("dumpimage", "-T", type, "-p", "0", "-o", tmp["out"], tmp["ours.img"]);
        File.ReadAllBytes(tmp["out"]).Should().Equal(payload);
    }

    [Fact]
    public void Multi_image_equals_mkimage_with_padding_between_parts()
    {
        using var tmp = new TempDirectory();
        var parts = new[] { new byte[5], new byte[8], Encoding.ASCII.GetBytes("last") };
        parts[0][0] = 1;
        parts[1][7] = 2;
        for (var i = 0; i < parts.Length; i++)
        {
            File.WriteAllBytes(tmp[$"p{i}"], parts[i]);
        }

        Tool.Run("mkimage", "-A", "arm64", "-T", "multi", "-C", "none", "-d", $"{tmp["p0"]}:{tmp["p1"]}:{tmp["p2"]}", tmp["ref.img"]);
        var ours = LegacyImageWriter.Multi(parts, Base);
        ours.Should().Equal(File.ReadAllBytes(tmp["ref.img"]));
        LegacyImageListing.Format(ours).Should().Be(Tool.Run("mkimage", "-l", tmp["ref.img"]));
    }

    [Fact]
    public void Corrupt_header_and_bad_options_are_rejected()
    {
        var image = LegacyImageWriter.Script("echo\n"u8, Base);
        image[40] ^= 1;
        ((Action)(() => LegacyImageHeader.Read(image))).Should().Throw<InvalidDataException>().WithMessage("*CRC*");
        ((Action)(() => LegacyImageWriter.Script("x"u8, Base with { Name = new string('n', 33) }))).Should().Throw<ArgumentException>().WithMessage("*32*");
        ((Action)(() => LegacyImageWriter.Script("x"u8, Base with { SourceDateEpoch = -1 }))).Should().Throw<ArgumentException>().WithMessage("*SOURCE_DATE_EPOCH*");
        ((Action)(() => LegacyImageWriter.Script(ReadOnlySpan<byte>.Empty, Base))).Should().Throw<ArgumentException>().WithMessage("*empty*", "mkimage bails out on an empty script too");
    }
}
