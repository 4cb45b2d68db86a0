using Build.Caching;
using Hyperbake.Testing;

namespace Build.Tests.Caching;

public sealed class FileChecksumMemoTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Entries_added_in_one_build_are_known_to_the_next()
    {
        var path = _dir["checksums/files-v1.txt"];
        var memo = FileChecksumMemo.Load(path);
        memo.Add("deb abc 512 100", "sha256-a", "sha1-a");
        memo.Save();

        var next = FileChecksumMemo.Load(path);

        next.TryGet("deb abc 512 100", out var sums).Should().BeTrue();
        sums.Should().Be(("sha256-a", "sha1-a"));
        next.TryGet("deb abc 512 101", out _).Should().BeFalse();
        next.Added.Should().Be(0);
    }

    [Fact]
    public void A_memo_changed_on_disk_is_ignored_not_believed()
    {
        var path = _dir["files-v1.txt"];
        var memo = FileChecksumMemo.Load(path);
        memo.Add("deb abc 512 100", "aaaa", "bbbb");
        memo.Save();
        var bytes = File.ReadAllBytes(path);
        bytes[System.Text.Encoding.UTF8.GetString(bytes).IndexOf("aaaa", StringComparison.Ordinal) + 3] = (byte)'b';
        File.WriteAllBytes(path, bytes);

        FileChecksumMemo.Load(path).TryGet("deb abc 512 100", out _).Should().BeFalse();
    }

    [Fact]
    public void Nothing_is_written_when_nothing_was_added()
    {
        var path = _dir["files-v1.txt"];

        FileChecksumMemo.Load(path).Save();

        File.Exists(path).Should().BeFalse();
    }
}
