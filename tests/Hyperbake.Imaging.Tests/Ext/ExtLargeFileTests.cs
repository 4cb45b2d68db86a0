using System.Security.Cryptography;
using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>Files past the limits of one extent, one block group, 32-bit sizes and double-indirect maps.</summary>
public sealed class ExtLargeFileTests(ExtImageFixture fixture) : IClassFixture<ExtImageFixture>
{
    private const long Big = 300L << 20;
    private const long Huge = 5L << 30;

    [Theory]
    [InlineData(ExtRevision.Ext3)]
    [InlineData(ExtRevision.Ext4)]
    public void A_300_MiB_file_and_a_5_GiB_sparse_file_read_back(ExtRevision revision)
    {
        // Given a 300 MiB file (more than 32768 contiguous blocks, across block groups) and a 5 GiB file that is one hole and one byte
        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile("big.bin", new GeneratedContent(Big, sparse: false));
        tree.AddFile("huge-sparse", new GeneratedContent(Huge, sparse: true));
        var image = fixture.Directory[$"large-{revision}.img"];
        ExtImageFixture.Write(tree, ExtImageFixture.Options(revision, 4096), image);

        // Then e2fsck is clean, the big file dumps back byte for byte, and the sparse one owns a single block
        ExtImageFixture.AssertClean(image);
        var dumped = fixture.Directory[$"big-{revision}.out"];
        ExternalTool.Check("debugfs", "-R", $"dump /big.bin {dumped}", image);
        Sha256(File.OpenRead(dumped)).Should().Be(Sha256(new GeneratedContent(Big, sparse: false).OpenRead()));
        File.Delete(dumped);

        var stats = DebugFs.Stat(image, ["/huge-sparse", "/big.bin"]);
        stats["/huge-sparse"].Size.Should().Be(Huge);
        var mapBlocks = revision == ExtRevision.Ext3 ? 3 : 0; // triple, double and single indirect blocks above the last block
        stats["/huge-sparse"].Blockcount.Should().Be((1 + mapBlocks) * 8);
        var blocks = ExternalTool.Check("debugfs", "-R", "blocks /huge-sparse", image).StdOut.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        blocks.Should().HaveCount(1 + mapBlocks, "only the last block holds data");
        if (revision == ExtRevision.Ext4)
        {
            var extents = ExternalTool.Check("debugfs", "-R", "ex /big.bin", image).StdOut;
            var lengths = extents.Split('\n')
                .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+/\s*\d+"))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            lengths.Should().Contain(32768, "a long run is cut into extents of the maximum length").And.OnlyContain(n => n <= 32768);
            lengths.Sum().Should().Be(Big / 4096);
        }
    }

    private static string Sha256(Stream stream)
    {
        using (stream)
        {
            return Convert.ToHexString(SHA256.HashData(stream));
        }
    }
}
