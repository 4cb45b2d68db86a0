using System.IO.Compression;
using System.Text;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder;

/// <summary>The input checks must decide as <c>file -L X | grep T</c> decides.</summary>
public sealed class FileTypeProbeTests
{
    private static readonly string[][] Patterns =
    [
        ["executable", "data", "ARM OpenFirmware"],
        ["cpio archive"],
        ["Device Tree Blob", "data"],
        ["BIT data"],
        ["ASCII text"],
    ];

    [Fact]
    public void Decisions_agree_with_file()
    {
        using var tmp = new TempDirectory();
        var samples = new Dictionary<string, byte[]>
        {
            ["zeros"] = new byte[100000],
            ["empty"] = [],
            ["text"] = Encoding.ASCII.GetBytes("fdt rm /axi/watchdog\nsetenv a b\n"),
            ["text-no-newline"] = Encoding.ASCII.GetBytes("echo extra"),
            ["utf8"] = Encoding.UTF8.GetBytes("écho\n"),
            ["script"] = Encoding.ASCII.GetBytes("#!/bin/sh\necho hi\n"),
            ["dtb"] = new Hyperbake.Imaging.DeviceTree.FlattenedDeviceTree().ToBytes(),
            ["elf"] = File.ReadAllBytes("/bin/true"),
            ["gzip"] = Gzip(new byte[1000]),
            ["arm64-image"] = Arm64Image(),
            ["random"] = Random(),
        };
        using (var cpio = new MemoryStream())
        {
            cpio.Write(Encoding.ASCII.GetBytes("070701" + new string('0', 104)));
            samples["cpio"] = cpio.ToArray();
        }

        samples["bit"] = [0x00, 0x09, 0x0F, 0xF0, 0x0F, 0xF0, 0x0F, 0xF0, 0x0F, 0xF0, 0x00, 0x00, 0x01, (byte)'a', 0, 2, (byte)'x', 0, .. new byte[200]];

        foreach (var (name, bytes) in samples)
        {
            var path = Path.Combine(tmp.Path, name);
            File.WriteAllBytes(path, bytes);
            var fileSays = ExternalTool.Check("file", "-L", path).StdOut;
            var oursSays = path + ": " + FileTypeProbe.Describe(path);
            foreach (var pattern in Patterns)
            {
                FileTypeProbe.Matches(oursSays, pattern).Should().Be(
                    FileTypeProbe.Matches(fileSays, pattern),
                    $"{name}: file says \"{fileSays.Trim()}\", we say \"{oursSays}\", pattern {string.Join('|', pattern)}");
            }
        }
    }

    [Fact]
    public void Gzip_with_zero_padding_is_checked_after_gunzip()
    {
        using var tmp = new TempDirectory();
        var cpio = Encoding.ASCII.GetBytes("070701" + new string('0', 104));
        var gz = Gzip(cpio).Concat(new byte[5000]).ToArray();
        File.WriteAllBytes(tmp["rd.cpio.gz"], gz);
        FileTypeProbe.DescribeDecompressed(tmp["rd.cpio.gz"]).Should().Contain("cpio archive");
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Arm64Image()
    {
        var image = new byte[4096];
        image[0] = 0x4D;
        image[1] = 0x5A;
        "ARM\x64"u8.CopyTo(image.AsSpan(56));
        return image;
    }

    private static byte[] Random()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        return bytes;
    }
}
