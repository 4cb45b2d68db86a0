using Hyperbake.Cache.Fingerprints;
using Hyperbake.Testing;

namespace Hyperbake.Cache.Tests.Fingerprints;

public sealed class FingerprintTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_key_depends_on_every_input_and_not_on_the_order_they_were_added()
    {
        var files = new FileHashCache(null);
        var a = new Fingerprint("T", files).Knob("arch", "amd64").Value("recipe", "x").Key();
        var b = new Fingerprint("T", files).Value("recipe", "x").Knob("arch", "amd64").Key();
        var c = new Fingerprint("T", files).Value("recipe", "x").Knob("arch", "arm64").Key();

        a.Should().Be(b);
        c.Should().NotBe(a);
    }

    [Fact]
    public void A_changed_file_is_named_by_the_explanation()
    {
        var files = new FileHashCache(null);
        File.WriteAllText(_dir["motd"], "one");
        File.WriteAllText(_dir["issue"], "same");
        var before = new Fingerprint("T", files).File(_dir["motd"], "files/motd").File(_dir["issue"], "files/issue").Knob("hv", "kvm");
        var previous = before.Inputs.ToList();

        File.WriteAllText(_dir["motd"], "two, longer");
        var after = new Fingerprint("T", files).File(_dir["motd"], "files/motd").File(_dir["issue"], "files/issue").Knob("hv", "kvm");

        ChangeExplainer.Explain(previous, after.Inputs).Should().Equal("file files/motd changed");
        after.Key().Should().NotBe(before.Key());
    }

    [Fact]
    public void The_hash_cache_is_kept_across_runs()
    {
        // A remembered hash no rehash could give shows that the next run read it from the state file.
        File.WriteAllText(_dir["a file with spaces"], "content");
        File.WriteAllText(_dir["tab\there"], "content");
        var state = _dir["state/file-hashes"];
        var first = new FileHashCache(state);
        first.Remember(_dir["a file with spaces"], "feed");
        first.Remember(_dir["tab\there"], "beef");
        first.Save();

        var second = new FileHashCache(state);
        second.Hash(_dir["a file with spaces"]).Should().Be("feed");
        second.Hash(_dir["tab\there"]).Should().NotBe("beef", "a path the line format cannot hold is hashed again");
    }

    [Fact]
    public void A_damaged_or_older_hash_cache_costs_only_rehashing()
    {
        File.WriteAllText(_dir["f"], "content");
        var expected = new FileHashCache(null).Hash(_dir["f"]);
        foreach (var text in new[] { "{\"/x\": {\"Size\": 1}}", "hyperbake file hashes 1\nnot\ta\tline\n", "" })
        {
            File.WriteAllText(_dir["damaged"], text);
            new FileHashCache(_dir["damaged"]).Hash(_dir["f"]).Should().Be(expected);
        }
    }

    [Fact]
    public void A_folder_input_changes_with_a_file_s_bytes_or_mode()
    {
        var files = new FileHashCache(null);
        Directory.CreateDirectory(_dir["conf"]);
        File.WriteAllText(_dir["conf/server"], "a");
        var first = new Fingerprint("T", files).Directory(_dir["conf"], "conf");
        var previous = first.Inputs.ToList();

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir["conf/server"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var second = new Fingerprint("T", files).Directory(_dir["conf"], "conf");

        second.Key().Should().NotBe(first.Key());
        ChangeExplainer.Explain(previous, second.Inputs).Should().Equal("file conf/server changed");
    }

    [Fact]
    public void A_remembered_hash_is_trusted_for_a_file_written_just_now_until_its_stat_changes()
    {
        var files = new FileHashCache(null);
        File.WriteAllText(_dir["live.raw"], "disk");
        files.Remember(_dir["live.raw"], "feed");

        files.Hash(_dir["live.raw"]).Should().Be("feed");

        File.WriteAllText(_dir["live.raw"], "another disk");
        files.Hash(_dir["live.raw"]).Should().NotBe("feed");
    }

    [Fact]
    public void The_explanation_shows_short_values_old_and_new()
    {
        var files = new FileHashCache(null);
        var before = new Fingerprint("T", files).Knob("rootfs-format", "squashfs").Inputs.ToList();
        var after = new Fingerprint("T", files).Knob("rootfs-format", "ext4");

        ChangeExplainer.Explain(before, after.Inputs).Should().Equal("knob rootfs-format changed (squashfs -> ext4)");
    }
}
