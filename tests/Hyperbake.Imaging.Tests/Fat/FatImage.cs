using System.Buffers.Binary;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Fat;

/// <summary>Helpers to inspect FAT images with the reference tools and to read a BPB for comparisons with mkfs.vfat.</summary>
internal static class FatImage
{
    public static void ShouldPassFsck(string image)
    {
        var check = ExternalTool.Run("fsck.vfat", "-n", "-V", image);
        check.ExitCode.Should().Be(0, check.Output);
        check.Output.Should().NotContainAny(["Free cluster summary", "differ", "Dirty bit", "orphan", "Duplicate", "invalid", "Bad short file name", "Reclaimed", "mismatch"]);
    }

    /// <summary>The geometry fields mkfs.vfat chooses: type, cluster size, reserved sectors, FAT length, root slots, total sectors, media.</summary>
    public static string Geometry(string image)
    {
        var sector = new byte[512];
        using (var f = File.OpenRead(image))
        {
            f.ReadExactly(sector);
        }

        var fatLength16 = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(22));
        var fatLength = fatLength16 != 0 ? fatLength16 : BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(36));
        var total16 = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(19));
        var total = total16 != 0 ? total16 : BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(32));
        var type = fatLength16 == 0 ? "FAT32" : System.Text.Encoding.ASCII.GetString(sector, 54, 5);
        return $"{type} spc={sector[13]} reserved={BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(14))} fatlen={fatLength} root={BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(17))} total={total} media={sector[21]:X2}";
    }

    /// <summary>Extracts the whole volume with mcopy (keeping times) into a new directory.</summary>
    public static string ExtractWithMcopy(string image, string directory)
    {
        Directory.CreateDirectory(directory);
        var copy = ExternalTool.Run("mcopy", "-s", "-n", "-m", "-i", image, "::/", directory);
        copy.ExitCode.Should().Be(0, copy.Output);
        return directory;
    }
}
