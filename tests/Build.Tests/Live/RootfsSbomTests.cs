using System.Security.Cryptography;
using Build.Caching;
using Build.Stages.Live;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Build.Tests.Live;

/// <summary>
/// The SBOM's file checksums come from the tree rootfs.tar was written from, with what a memo
/// already knows: they must be exactly what reading the tar back gives.
/// </summary>
public sealed class RootfsSbomTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Package-like files (slices of an uncompressed tar on disk), a host file, generated files and a hard link.</summary>
    private FileTree Tree(string initText)
    {
        var package = new FileTree(1_700_000_000);
        var random = new Random(3);
        foreach (var (name, size) in new[] { ("bin/busybox", 300_000), ("usr/share/doc/a", 5_000), ("usr/share/doc/empty", 0) })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            package.AddFile(name, new BytesContent(bytes));
        }

        TarTreeWriter.WriteFile(package, _dir["data.tar"]);
        var tree = TarTreeReader.ReadFile(_dir["data.tar"]);
        File.WriteAllBytes(_dir["kernel"], [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7))]);
        tree.AddFile("boot/kernel", new HostFileContent(_dir["kernel"]), 0x1A4);
        tree.AddFile("sbin/init", initText, 0x1ED);
        tree.AddHardLink("bin/sh", "bin/busybox");
        return tree;
    }

    private static string? Identity(IContentSource content) => content switch
    {
        FileSliceContent slice => $"deb {Path.GetFileName(slice.Path)} {slice.Offset} {slice.Length}",
        HostFileContent host => "sha256 " + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(host.Path))),
        _ => null,
    };

    [Fact]
    public void Checksums_from_the_tree_and_the_memo_are_those_of_the_tar_written_from_it()
    {
        var tree = Tree("#!/bin/sh\necho one\n");
        TarTreeWriter.WriteFile(tree, _dir["rootfs.tar"]);
        var fromTar = RootfsSbom.FileChecksums(TarTreeReader.ReadFile(_dir["rootfs.tar"]));

        var memoPath = _dir["checksums/files-v1.txt"];
        var first = FileChecksumMemo.Load(memoPath);
        var fromTree = RootfsSbom.FileChecksums(tree, Identity, first);
        first.Save();
        var second = FileChecksumMemo.Load(memoPath);
        var fromMemo = RootfsSbom.FileChecksums(tree, Identity, second);

        fromTree.Should().Equal(fromTar);
        fromMemo.Should().Equal(fromTar);
        fromTar.Should().Contain(f => f.Path == "bin/sh").And.Contain(f => f.Path == "usr/share/doc/empty");
        first.Added.Should().Be(3, "the two package files with bytes and the kernel are named (bin/sh is busybox); the generated init is not");
        second.Added.Should().Be(0, "the next build reads them from the memo");
    }

    [Fact]
    public void A_changed_file_is_hashed_again_and_a_stage_output_whose_hash_does_not_match_is_not_memorised()
    {
        var memo = FileChecksumMemo.Load(_dir["memo.txt"]);
        RootfsSbom.FileChecksums(Tree("one"), Identity, memo);

        var changed = RootfsSbom.FileChecksums(Tree("two"), Identity, memo);
        var wrong = FileChecksumMemo.Load(_dir["wrong.txt"]);
        var withWrongHash = RootfsSbom.FileChecksums(Tree("two"), c => c is HostFileContent ? "sha256 0000" : Identity(c), wrong);

        changed.Single(f => f.Path == "sbin/init").Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData("two"u8)));
        withWrongHash.Should().Equal(changed);
        wrong.TryGet("sha256 0000", out _).Should().BeFalse("the bytes read did not have the SHA-256 that named them");
    }
}
