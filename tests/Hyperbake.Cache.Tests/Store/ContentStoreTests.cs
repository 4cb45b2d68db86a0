using Hyperbake.Cache.Fingerprints;
using Hyperbake.Cache.Store;
using Hyperbake.Testing;

namespace Hyperbake.Cache.Tests.Store;

public sealed class ContentStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Fingerprint NewFingerprint(string value) =>
        new Fingerprint("RootfsImage/live/amd64", new FileHashCache(null)).Value("recipe", value).Knob("arch", "amd64");

    private string WriteOutputs(string folder, byte[] content)
    {
        var dir = _dir[folder];
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "rootfs.img"), content);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "hello");
        return dir;
    }

    [Fact]
    public void Published_outputs_are_restored_byte_for_byte()
    {
        // Given
        var store = new ContentStore(_dir["cache"]);
        var content = new byte[3 << 20];
        new Random(1).NextBytes(content.AsSpan(0, 1000));
        var outputs = WriteOutputs("out", content);
        var fp = NewFingerprint("a");

        // When
        store.Publish(fp, outputs, ["rootfs.img", "notes.txt"]);
        var restored = store.TryRestore(fp.Key(), _dir["restore"], out var manifest);

        // Then
        restored.Should().BeTrue();
        manifest!.Outputs.Select(o => o.Name).Should().Equal("notes.txt", "rootfs.img");
        File.ReadAllBytes(_dir["restore/rootfs.img"]).Should().Equal(content);
        File.ReadAllText(_dir["restore/notes.txt"]).Should().Be("hello");
    }

    [Fact]
    public void A_different_input_is_a_different_key_and_misses()
    {
        var store = new ContentStore(_dir["cache"]);
        store.Publish(NewFingerprint("a"), WriteOutputs("out", [1, 2, 3]), ["rootfs.img"]);

        store.TryRestore(NewFingerprint("b").Key(), _dir["restore"], out _).Should().BeFalse();
        (Directory.Exists(_dir["restore"]) && Directory.EnumerateFiles(_dir["restore"]).Any()).Should().BeFalse();
    }

    [Fact]
    public void A_flipped_byte_in_a_blob_is_detected_and_the_entry_dropped()
    {
        // Given a published entry whose blob is then damaged on disk
        var store = new ContentStore(_dir["cache"]);
        var fp = NewFingerprint("a");
        var manifest = store.Publish(fp, WriteOutputs("out", [.. Enumerable.Range(0, 4096).Select(i => (byte)i)]), ["rootfs.img"]);
        var sha = manifest.Outputs.Single().Sha256;
        var blob = store.BlobPath(sha);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(blob, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var bytes = File.ReadAllBytes(blob);
        bytes[100] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        // When
        var restored = store.TryRestore(fp.Key(), _dir["restore"], out _);

        // Then nothing damaged is served, and the entry is gone so the task rebuilds
        restored.Should().BeFalse();
        File.Exists(_dir["restore/rootfs.img"]).Should().BeFalse();
        store.Find(fp.Key()).Should().BeNull();
    }

    [Fact]
    public void Zero_regions_stay_holes_in_the_cache()
    {
        var store = new ContentStore(_dir["cache"]);
        var content = new byte[64 << 20];
        content[0] = 1;
        var manifest = store.Publish(NewFingerprint("sparse"), WriteOutputs("out", content), ["rootfs.img"]);
        var blob = store.BlobPath(manifest.Outputs.Single().Sha256);

        var r = ExternalTool.Check("stat", "-c", "%b %B", blob);
        var parts = r.StdOut.Trim().Split(' ');
        (long.Parse(parts[0]) * long.Parse(parts[1])).Should().BeLessThan(8 << 20);
        new FileInfo(blob).Length.Should().Be(64 << 20);
    }

    [Fact]
    public void Two_concurrent_publishers_of_one_entry_both_succeed()
    {
        var store = new ContentStore(_dir["cache"]);
        var content = new byte[8 << 20];
        new Random(2).NextBytes(content);
        var a = WriteOutputs("a", content);
        var b = WriteOutputs("b", content);

        Parallel.For(0, 8, i => new ContentStore(_dir["cache"]).Publish(NewFingerprint("same"), i % 2 == 0 ? a : b, ["rootfs.img", "notes.txt"]));

        store.TryRestore(NewFingerprint("same").Key(), _dir["restore"], out _).Should().BeTrue();
        File.ReadAllBytes(_dir["restore/rootfs.img"]).Should().Equal(content);
    }

    [Fact]
    public void Prune_evicts_least_recently_used_entries_first()
    {
        var store = new ContentStore(_dir["cache"]);
        var old = NewFingerprint("old");
        var recent = NewFingerprint("recent");
        store.Publish(old, WriteOutputs("o", [.. Enumerable.Repeat((byte)1, 1 << 20)]), ["rootfs.img"]);
        store.Publish(recent, WriteOutputs("r", [.. Enumerable.Repeat((byte)2, 1 << 20)]), ["rootfs.img"]);
        File.SetLastWriteTimeUtc(store.EntryPath(old.Key()), DateTime.UtcNow.AddDays(-1));

        store.Prune(maxBytes: (1 << 20) + 100);

        store.Find(old.Key()).Should().BeNull();
        store.Find(recent.Key()).Should().NotBeNull();
    }

    [Fact]
    public void A_prune_is_due_again_only_after_the_interval()
    {
        var store = new ContentStore(_dir["cache"]);
        store.PruneIsDue(TimeSpan.FromMinutes(10)).Should().BeTrue("this cache was never pruned");

        store.Prune(long.MaxValue);

        store.PruneIsDue(TimeSpan.FromMinutes(10)).Should().BeFalse();
        store.PruneIsDue(TimeSpan.Zero).Should().BeTrue();
    }
}
