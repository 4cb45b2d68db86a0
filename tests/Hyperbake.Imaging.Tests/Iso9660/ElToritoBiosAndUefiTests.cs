using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>A BIOS entry with a patched boot info table (the default entry) plus a hidden UEFI entry in its own section.</summary>
public sealed class ElToritoBiosAndUefiTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly byte[] bios = AwkwardTree.Random(11, 8190);
    private readonly byte[] efi = AwkwardTree.Random(12, 40 << 20);
    private readonly string image;

    public ElToritoBiosAndUefiTests()
    {
        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile("boot/grub/eltorito.img", new BytesContent(bios));
        tree.AddFile("readme.txt", "hello");
        var options = new IsoOptions
        {
            SourceDateEpoch = AwkwardTree.Epoch,
            ElTorito = new ElToritoOptions
            {
                BiosImagePath = "boot/grub/eltorito.img",
                BiosBootInfoTable = true,
                EfiImage = new BytesContent(efi),
            },
        };
        image = dir["dual.iso"];
        new IsoBuilder(tree, options).WriteTo(image);
    }

    [Fact]
    public void Xorriso_reports_the_bios_entry_with_its_info_table_and_the_large_uefi_entry_with_count_zero()
    {
        var report = Xorriso.Run("-indev", image, "-report_el_torito", "plain").StdOut;
        var biosBlock = BiosBlock();
        report.Should().MatchRegex($@"El Torito boot img :\s+1\s+BIOS\s+y\s+none\s+0x0000\s+0x00\s+4\s+{biosBlock}\b");
        report.Should().MatchRegex(@"El Torito img opts :\s+1\s+boot-info-table");
        report.Should().MatchRegex(@"El Torito boot img :\s+2\s+UEFI\s+y\s+none\s+0x0000\s+0x00\s+0\s+\d+");
        Xorriso.List(image).Keys.Should().BeEquivalentTo(["/", "/boot", "/boot/grub", "/boot/grub/eltorito.img", "/readme.txt"], "the UEFI image is hidden");
    }

    [Fact]
    public void The_boot_info_table_holds_the_pvd_block_the_image_block_length_and_checksum()
    {
        var block = BiosBlock();
        var patched = ReadImage(block * 2048, bios.Length);
        uint sum = 0;
        var padded = bios.Concat(new byte[4]).ToArray();
        for (var i = 64; i < bios.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32LittleEndian(padded.AsSpan(i));
        }

        BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(8)).Should().Be(16u);
        BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(12)).Should().Be((uint)block);
        BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(16)).Should().Be((uint)bios.Length);
        BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(20)).Should().Be(sum);
        patched.AsSpan(24, 40).ToArray().Should().OnlyContain(b => b == 0);
        patched[..8].Should().Equal(bios[..8]);
        patched[64..].Should().Equal(bios[64..]);
    }

    [Fact]
    public void The_catalog_has_a_bios_validation_entry_and_a_final_uefi_section()
    {
        var bootRecord = ReadImage(17 * 2048, 2048);
        System.Text.Encoding.ASCII.GetString(bootRecord, 7, 23).Should().Be("EL TORITO SPECIFICATION");
        var catalog = ReadImage(BinaryPrimitives.ReadUInt32LittleEndian(bootRecord.AsSpan(71)) * 2048L, 2048);
        catalog[0].Should().Be(1);
        catalog[1].Should().Be(0x00, "the default entry is the BIOS one");
        (catalog[30], catalog[31]).Should().Be(((byte)0x55, (byte)0xAA));
        var words = 0;
        for (var i = 0; i < 32; i += 2)
        {
            words += BinaryPrimitives.ReadUInt16LittleEndian(catalog.AsSpan(i));
        }

        (words & 0xFFFF).Should().Be(0, "the validation entry's words sum to zero");
        catalog[32].Should().Be(0x88);
        catalog[64].Should().Be(0x91, "the UEFI section is the last one");
        catalog[65].Should().Be(0xEF);
        BinaryPrimitives.ReadUInt16LittleEndian(catalog.AsSpan(66)).Should().Be(1);
        catalog[96].Should().Be(0x88);
        var efiBlock = BinaryPrimitives.ReadUInt32LittleEndian(catalog.AsSpan(104));
        ReadImage(efiBlock * 2048L, efi.Length).Should().Equal(efi);
    }

    public void Dispose() => dir.Dispose();

    private long BiosBlock()
    {
        var lba = Xorriso.Run("-indev", image, "-find", "/boot/grub/eltorito.img", "-exec", "report_lba").StdOut;
        var match = Regex.Match(lba, @"File data lba:\s+\d+\s*,\s*(\d+)\s*,");
        match.Success.Should().BeTrue(lba);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private byte[] ReadImage(long offset, int length)
    {
        using var stream = File.OpenRead(image);
        stream.Seek(offset, SeekOrigin.Begin);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
