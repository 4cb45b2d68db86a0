using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Hyperbake.Imaging.UBoot.Legacy;

/// <summary>
/// The text <c>mkimage</c> prints after writing a legacy image (and <c>mkimage -l</c> shows),
/// with the creation time in UTC.
/// </summary>
public static class LegacyImageListing
{
    public static string Format(ReadOnlySpan<byte> image)
    {
        var header = LegacyImageHeader.Read(image);
        var text = new StringBuilder();
        text.Append("Image Name:   ").Append(header.Name).Append('\n');
        var created = DateTimeOffset.FromUnixTimeSeconds(header.Timestamp).UtcDateTime;
        text.Append("Created:      ").Append(CTime(created)).Append('\n');
        text.Append("Image Type:   ").Append(ArchitectureName(header.Architecture)).Append(' ')
            .Append(OsName(header.Os)).Append(' ').Append(TypeName(header.Type))
            .Append(" (").Append(CompressionName(header.Compression)).Append(")\n");
        text.Append("Data Size:    ").Append(Size(header.DataSize)).Append('\n');
        text.Append("Load Address: ").Append(header.LoadAddress.ToString("x8", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("Entry Point:  ").Append(header.EntryPoint.ToString("x8", CultureInfo.InvariantCulture)).Append('\n');
        if (header.Type is UBootImageType.Multi or UBootImageType.Script)
        {
            text.Append("Contents:\n");
            var data = image[LegacyImageHeader.Size..];
            for (var i = 0; ; i++)
            {
                var length = BinaryPrimitives.ReadUInt32BigEndian(data[(i * 4)..]);
                if (length == 0)
                {
                    break;
                }

                text.Append("   Image ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Size(length)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>C's <c>ctime</c> layout: "Thu Jan  1 00:00:00 1970".</summary>
    public static string CTime(DateTime t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t:ddd MMM} {t.Day,2} {t:HH:mm:ss yyyy}");

    private static string Size(uint bytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"{bytes} Bytes = {bytes / 1024.0:0.00} KiB = {bytes / 1048576.0:0.00} MiB");

    private static string ArchitectureName(UBootArchitecture a) => a switch
    {
        UBootArchitecture.Arm => "ARM",
        UBootArchitecture.Arm64 => "AArch64",
        UBootArchitecture.I386 => "Intel x86",
        UBootArchitecture.X86_64 => "AMD x86_64",
        UBootArchitecture.Mips => "MIPS",
        UBootArchitecture.Mips64 => "MIPS 64 Bit",
        UBootArchitecture.PowerPC => "PowerPC",
        UBootArchitecture.RiscV => "RISC-V",
        UBootArchitecture.Sandbox => "Sandbox",
        _ => "Invalid ARCH",
    };

    private static string OsName(UBootOs os) => os switch
    {
        UBootOs.Linux => "Linux",
        UBootOs.UBoot => "U-Boot",
        UBootOs.Efi => "EFI Firmware",
        UBootOs.ArmTrustedFirmware => "ARM Trusted Firmware",
        UBootOs.Tee => "Trusted Execution Environment",
        UBootOs.OpenSbi => "RISC-V OpenSBI",
        UBootOs.Qnx => "QNX",
        UBootOs.VxWorks => "VxWorks",
        UBootOs.Rtems => "RTEMS",
        UBootOs.OpenBsd => "OpenBSD",
        UBootOs.NetBsd => "NetBSD",
        UBootOs.FreeBsd => "FreeBSD",
        _ => "Invalid OS",
    };

    private static string TypeName(UBootImageType t) => t switch
    {
        UBootImageType.Standalone => "Standalone Program",
        UBootImageType.Kernel => "Kernel Image",
        UBootImageType.Ramdisk => "RAMDisk Image",
        UBootImageType.Multi => "Multi-File Image",
        UBootImageType.Firmware => "Firmware",
        UBootImageType.Script => "Script",
        UBootImageType.Filesystem => "Filesystem Image",
        UBootImageType.FlatDeviceTree => "Flat Device Tree",
        UBootImageType.KernelNoLoad => "Kernel Image (no loading done)",
        _ => "Invalid Image",
    };

    private static string CompressionName(UBootCompression c) => c switch
    {
        UBootCompression.None => "uncompressed",
        UBootCompression.Gzip => "gzip compressed",
        UBootCompression.Bzip2 => "bzip2 compressed",
        UBootCompression.Lzma => "lzma compressed",
        UBootCompression.Lzo => "lzo compressed",
        UBootCompression.Lz4 => "lz4 compressed",
        UBootCompression.Zstd => "zstd compressed",
        _ => "unknown compression",
    };
}
