using System.Security.Cryptography;
using Hyperbake.Cache.Files;
using Hyperbake.Testing;

namespace Hyperbake.Cache.Tests.Files;

public sealed class SparseCopyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>64 MiB (or <paramref name="mib"/>), data at the start, at 20 MiB and at the very end, holes between (written by seeking).</summary>
    private string SparseFile(string name, int seed = 1, int mib = 64)
    {
        var path = _dir[name];
        using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var random = new Random(seed);
        foreach (var offset in new long[] { 0, 20 << 20, ((long)mib << 20) - 5000 })
        {
            var data = new byte[5000];
            random.NextBytes(data);
            f.Position = offset;
            f.Write(data);
        }

        f.SetLength((long)mib << 20);
        return path;
    }

    private static long AllocatedBytes(string path)
    {
        var parts = ExternalTool.Check("stat", "-c", "%b %B", path).StdOut.Trim().Split(' ');
        return long.Parse(parts[0]) * long.Parse(parts[1]);
    }

    [Fact]
    public void The_hash_of_a_sparse_file_is_the_sha256_of_all_its_bytes()
    {
        var path = SparseFile("disk.img");

        SparseCopy.Hash(path).Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        ExternalTool.Check("sha256sum", path).StdOut.Should().StartWith(SparseCopy.Hash(path));
    }

    [Fact]
    public void Data_extents_skip_the_holes()
    {
        var path = SparseFile("disk.img");

        var extents = FileExtents.Data(path);

        FileExtents.DataLength(extents).Should().BeLessThan(1 << 20);
        extents.Should().Contain(e => e.Offset <= 20 << 20 && e.End >= (20 << 20) + 5000);
        extents[^1].End.Should().Be(64 << 20);
    }

    [Theory]
    [InlineData(64)] // up to PlainDigestLimit: the digest is the SHA-256
    [InlineData(80)] // beyond: the digest of the data pieces
    public void Copying_extents_reproduces_the_file_and_its_stored_digest(int mib)
    {
        var path = SparseFile("disk.img", mib: mib);

        var digest = SparseCopy.CopyExtents(path, _dir["copy.img"]);

        File.ReadAllBytes(_dir["copy.img"]).Should().Equal(File.ReadAllBytes(path));
        AllocatedBytes(_dir["copy.img"]).Should().BeLessThan(1 << 20, "the holes stay holes");
        digest.Should().Be(SparseCopy.StoredDigest(path)).And.Be(SparseCopy.StoredDigest(_dir["copy.img"]));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(80)]
    public void The_stored_digest_changes_with_a_byte_flipped_in_data_or_written_into_a_hole(int mib)
    {
        var path = SparseFile("disk.img", mib: mib);
        var before = SparseCopy.StoredDigest(path);

        using (var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = (20 << 20) + 10;
            var b = f.ReadByte();
            f.Position--;
            f.WriteByte((byte)(b ^ 0x01));
        }

        var flipped = SparseCopy.StoredDigest(path);
        using (var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = 40 << 20;
            f.WriteByte(1);
        }

        var holeWritten = SparseCopy.StoredDigest(path);

        flipped.Should().NotBe(before);
        holeWritten.Should().NotBe(flipped).And.NotBe(before);
    }

    [Fact]
    public void Up_to_the_limit_the_stored_digest_is_the_sha256_and_beyond_it_is_not()
    {
        var small = SparseFile("small.img", mib: (int)(SparseCopy.PlainDigestLimit >> 20));
        var large = SparseFile("large.img", mib: (int)(SparseCopy.PlainDigestLimit >> 20) + 1);

        SparseCopy.StoredDigest(small).Should().Be(SparseCopy.Hash(small), "one hash names a cached copy and checks it");
        SparseCopy.StoredDigest(large).Should().NotBe(SparseCopy.Hash(large), "a large sparse image is not hashed in full for its check");
    }

    [Fact]
    public void The_sparse_stream_reads_what_the_file_holds()
    {
        var path = SparseFile("disk.img");
        using var stream = new SparseFileStream(path);
        using var copy = new MemoryStream();

        stream.CopyTo(copy, 300_000);

        copy.ToArray().Should().Equal(File.ReadAllBytes(path));
    }
}
