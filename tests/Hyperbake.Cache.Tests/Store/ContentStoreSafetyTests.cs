using Hyperbake.Cache.Fingerprints;
using Hyperbake.Cache.Store;
using Hyperbake.Testing;

namespace Hyperbake.Cache.Tests.Store;

public sealed class ContentStoreSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Fingerprint NewFingerprint(string value) =>
        new Fingerprint("LiveRaw/live/amd64", new FileHashCache(null)).Value("layout", value);

    /// <summary>A 32 MiB disk image with 2 data regions.</summary>
    private string Disk(string folder, byte fill)
    {
        Directory.CreateDirectory(_dir[folder]);
        var path = _dir[folder + "/live.raw"];
        using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        f.Write(Enumerable.Repeat(fill, 100_000).ToArray());
        f.Position = 16 << 20;
        f.Write(Enumerable.Repeat((byte)(fill + 1), 70_000).ToArray());
        f.SetLength(32 << 20);
        return _dir[folder];
    }

    [Fact]
    public void A_byte_written_into_a_hole_of_a_blob_is_detected()
    {
        var store = new ContentStore(_dir["cache"]);
        var fp = NewFingerprint("a");
        var sha = store.Publish(fp, Disk("out", 1), ["live.raw"]).Outputs.Single().Sha256;
        using (var blob = new FileStream(store.BlobPath(sha), FileMode.Open, FileAccess.Write))
        {
            blob.Position = 8 << 20;
            blob.WriteByte(0x42);
        }

        store.Verify(fp.Key()).Should().BeFalse();
        store.TryRestore(fp.Key(), _dir["restore"], out _).Should().BeFalse();
        File.Exists(_dir["restore/live.raw"]).Should().BeFalse();
    }

    [Fact]
    public void A_damaged_blob_is_replaced_by_the_next_publish_of_the_same_content()
    {
        var store = new ContentStore(_dir["cache"]);
        var outputs = Disk("out", 3);
        var sha = store.Publish(NewFingerprint("a"), outputs, ["live.raw"]).Outputs.Single().Sha256;
        using (var blob = new FileStream(store.BlobPath(sha), FileMode.Open, FileAccess.Write))
        {
            blob.WriteByte(0);
        }

        store.Publish(NewFingerprint("b"), outputs, ["live.raw"]);

        store.Verify(NewFingerprint("b").Key()).Should().BeTrue();
        store.TryRestore(NewFingerprint("b").Key(), _dir["restore"], out _).Should().BeTrue();
        File.ReadAllBytes(_dir["restore/live.raw"]).Should().Equal(File.ReadAllBytes(Path.Combine(outputs, "live.raw")));
    }

    [Fact]
    public void Hard_link_mode_restores_without_copying_and_still_detects_damage()
    {
        var store = new ContentStore(_dir["cache"], LinkMode.HardLink);
        var fp = NewFingerprint("a");
        var sha = store.Publish(fp, Disk("out", 5), ["live.raw"]).Outputs.Single().Sha256;

        store.TryRestore(fp.Key(), _dir["restore"], out _).Should().BeTrue();
        var inode = ExternalTool.Check("stat", "-c", "%i", _dir["restore/live.raw"]).StdOut;
        inode.Should().Be(ExternalTool.Check("stat", "-c", "%i", store.BlobPath(sha)).StdOut);

        // Whatever writes into the linked output writes into the cache: the next restore notices.
        using (var f = new FileStream(_dir["restore/live.raw"], FileMode.Open, FileAccess.Write))
        {
            f.WriteByte(0xEE);
        }

        store.TryRestore(fp.Key(), _dir["restore2"], out _).Should().BeFalse();
    }

    [Fact]
    public void What_a_killed_publish_leaves_is_never_an_entry_and_is_pruned_later()
    {
        // Given the leftovers of a publish killed after copying a blob to a temp name
        var store = new ContentStore(_dir["cache"]);
        var temp = Path.Combine(store.Root, ContentStore.LayoutVersion, "tmp", "4242-deadbeef");
        File.WriteAllText(temp, "half a blob");
        File.SetLastWriteTimeUtc(temp, DateTime.UtcNow - ContentStore.PublishGrace - TimeSpan.FromMinutes(1));

        store.Keys().Should().BeEmpty();
        store.Prune(long.MaxValue);

        File.Exists(temp).Should().BeFalse();
    }

    [Fact]
    public void An_entry_written_by_an_older_layout_or_truncated_is_a_miss()
    {
        var store = new ContentStore(_dir["cache"]);
        var fp = NewFingerprint("a");
        store.Publish(fp, Disk("out", 7), ["live.raw"]);
        var entry = store.EntryPath(fp.Key());
        File.WriteAllText(entry, File.ReadAllText(entry)[..40]);

        store.Find(fp.Key()).Should().BeNull();
        store.TryRestore(fp.Key(), _dir["restore"], out _).Should().BeFalse();
    }

    [Fact]
    public void Clear_removes_every_entry_and_blob()
    {
        var store = new ContentStore(_dir["cache"]);
        store.Publish(NewFingerprint("a"), Disk("out", 9), ["live.raw"]);

        store.Clear();

        store.Keys().Should().BeEmpty();
        store.Size().Should().Be(0);
    }

    [Fact]
    public void Prune_frees_the_blobs_of_evicted_entries_but_keeps_blobs_another_entry_names()
    {
        var store = new ContentStore(_dir["cache"]);
        var oldFolder = Disk("old", 13);
        File.Copy(Path.Combine(Disk("shared", 11), "live.raw"), Path.Combine(oldFolder, "shared.raw"));
        File.Copy(Path.Combine(_dir["shared"], "live.raw"), Path.Combine(_dir["shared"], "shared.raw"));
        var old = NewFingerprint("old");
        var keep = NewFingerprint("keep");
        var oldSha = store.Publish(old, oldFolder, ["live.raw", "shared.raw"]).Outputs.Single(o => o.Name == "live.raw").Sha256;
        var sharedSha = store.Publish(keep, _dir["shared"], ["shared.raw"]).Outputs.Single().Sha256;
        File.SetLastWriteTimeUtc(store.EntryPath(old.Key()), DateTime.UtcNow.AddDays(-2));
        foreach (var blob in new[] { oldSha, sharedSha }.Select(store.BlobPath))
        {
            File.SetLastWriteTimeUtc(blob, DateTime.UtcNow.AddDays(-2));
        }

        var result = store.Prune(maxBytes: 300_000);

        result.EntriesEvicted.Should().Be(1);
        store.Find(old.Key()).Should().BeNull();
        store.Verify(keep.Key()).Should().BeTrue();
        File.Exists(store.BlobPath(oldSha)).Should().BeFalse();
    }
}
