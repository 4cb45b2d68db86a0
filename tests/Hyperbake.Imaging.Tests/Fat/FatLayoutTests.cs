using Hyperbake.Imaging.Fat;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Fat;

public sealed class FatLayoutTests
{
    /// <summary>
    /// Sizes across the FAT12/FAT16/FAT32 boundaries. dosfstools 4.2 rounds the sector count down
    /// to whole tracks (32 sectors below 512 MiB, 63 above), so the sizes are whole tracks.
    /// </summary>
    [Theory]
    [InlineData(2048L)]
    [InlineData(8192L)]
    [InlineData(16_384L)]
    [InlineData(32_768L)]
    [InlineData(65_536L)]
    [InlineData(204_800L)]
    [InlineData(262_144L)]
    [InlineData(2016L * 264)]
    [InlineData(2016L * 520)]
    [InlineData(63L * 16_700)]
    [InlineData(63L * 70_000)]
    public void Automatic_choice_matches_mkfs_vfat(long sectors)
    {
        using var temp = new TempDirectory();
        ExternalTool.Check("mkfs.vfat", "-C", temp["m.img"], (sectors / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var layout = FatLayout.TryCompute(sectors, null, null, 0, out var reason);

        layout.Should().NotBeNull(reason);
        var ours = $"{(layout!.Type == FatType.Fat32 ? "FAT32" : $"FAT{(int)layout.Type}")} spc={layout.SectorsPerCluster} reserved={layout.ReservedSectors} fatlen={layout.FatLength} root={layout.RootEntries} total={layout.TotalSectors} media={layout.Media:X2}";
        ours.Should().Be(FatImage.Geometry(temp["m.img"]));
    }
}
