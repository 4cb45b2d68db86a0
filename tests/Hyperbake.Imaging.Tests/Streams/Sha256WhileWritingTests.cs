using System.Security.Cryptography;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Streams;

public sealed class Sha256WhileWritingTests
{
    [Fact]
    public void The_hash_is_that_of_the_bytes_written_in_writes_of_any_size()
    {
        var data = new byte[(3 << 20) + 12345];
        new Random(7).NextBytes(data);
        using var target = new MemoryStream();
        using var hashing = new Sha256WhileWriting(target);

        // Writes that straddle the 1 MiB chunks, and an empty one
        var offset = 0;
        foreach (var size in new[] { 1, 0, 1 << 20, 700_000, 1_000_000 })
        {
            hashing.Write(data, offset, size);
            offset += size;
        }

        hashing.Write(data.AsSpan(offset));
        var sha = hashing.Finish();

        target.ToArray().Should().Equal(data);
        sha.Should().Be(Convert.ToHexStringLower(SHA256.HashData(data)));
        var seek = () => hashing.Seek(0, SeekOrigin.Begin);
        seek.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void A_tar_written_to_a_file_reports_the_file_s_SHA_256()
    {
        using var dir = new TempDirectory();
        var tree = new FileTree(1_700_000_000);
        tree.AddFile("etc/motd", BytesContent.FromText("hello\n"), 0x1A4);
        tree.AddFile("big.bin", new BytesContent(new byte[3 << 20]), 0x1A4);

        var sha = TarTreeWriter.WriteFile(tree, dir["rootfs.tar"]);

        sha.Should().Be(ExternalTool.Check("sha256sum", dir["rootfs.tar"]).StdOut[..64]);
    }
}
