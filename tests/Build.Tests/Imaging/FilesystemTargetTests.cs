using Build.Tests.Fixtures;
using Hyperbake.Testing;

namespace Build.Tests.Imaging;

/// <summary>
/// <c>--target=Filesystem</c> for every type: the image passes the type's own checker, what the
/// reference tool extracts equals the awkward folder that went in, and two runs give the same bytes.
/// </summary>
public sealed class FilesystemTargetTests
{
    private const string Epoch = "--source-date-epoch=1700000000";

    [Theory]
    [InlineData("fat", "12 bit entries")]
    [InlineData("fat12", "12 bit entries")]
    [InlineData("fat16", "16 bit entries")]
    [InlineData("fat32", "32 bit entries")]
    public void Fat_images_pass_fsck_and_give_back_the_folder_without_its_symlink(string type, string width)
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"], caseTwins: false);

        var image = Build(fixture, type, src, "--label=HVESP", "--skip-unsupported");

        var fsck = ExternalTool.Run("fsck.vfat", "-n", "-v", image);
        fsck.ExitCode.Should().Be(0, fsck.Output);
        fsck.StdOut.Should().Contain(width);
        ExternalTool.Check("mlabel", "-s", "-i", image, "::").StdOut.Should().Contain("HVESP");
        var extracted = Directory.CreateDirectory(fixture.Root["extracted"]).FullName;
        ExternalTool.Check("mcopy", "-s", "-i", image, "::*", extracted + "/");
        TreeSnapshot.Of(extracted).Should().Equal(TreeSnapshot.Of(src, "link"));
        SameBytesTwice(fixture, type, src, image, "--label=HVESP", "--skip-unsupported");
    }

    [Fact]
    public void Squashfs_passes_unsquashfs_with_root_owners_and_clamped_times_and_round_trips()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);

        var image = Build(fixture, "squashfs", src);

        ExternalTool.Check("unsquashfs", "-s", image).StdOut.Should().Contain("Compression gzip");
        var listing = ExternalTool.Check("unsquashfs", "-lls", image).StdOut;
        listing.Should().Contain("root/root").And.Contain("2023-11-14 22:13").And.Contain("link -> hello.txt").And.Contain(AwkwardFolder.LongFileName);
        listing.Should().NotContain("2024-").And.NotContain("2025-").And.NotContain("2026-");
        var extracted = fixture.Root["extracted"];
        ExternalTool.Check("unsquashfs", "-no-xattrs", "-d", extracted, image);
        TreeSnapshot.Of(extracted).Should().Equal(TreeSnapshot.Of(src));
        SameBytesTwice(fixture, "squashfs", src, image);
    }

    [Fact]
    public void A_given_size_pads_a_squashfs_image_which_still_reads()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);

        var image = Build(fixture, "squashfs", src, "--size=1MiB");

        new FileInfo(image).Length.Should().Be(1 << 20);
        ExternalTool.Check("unsquashfs", "-lls", image).StdOut.Should().Contain("deep.bin");
    }

    [Theory]
    [InlineData("ext2")]
    [InlineData("ext3")]
    [InlineData("ext4")]
    public void Ext_images_pass_e2fsck_and_round_trip_through_debugfs(string type)
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);

        var image = Build(fixture, type, src, "--label=rootfs");

        var fsck = ExternalTool.Run("e2fsck", "-fn", image);
        fsck.ExitCode.Should().Be(0, fsck.Output);
        var header = ExternalTool.Check("dumpe2fs", "-h", image).StdOut;
        header.Should().MatchRegex("Filesystem volume name: +rootfs");
        var features = header.Split('\n').Single(l => l.StartsWith("Filesystem features:", StringComparison.Ordinal));
        if (type == "ext2")
        {
            features.Should().NotContain("has_journal");
        }
        else
        {
            features.Should().Contain("has_journal");
        }

        if (type == "ext4")
        {
            features.Should().Contain("extent");
        }
        else
        {
            features.Should().NotContain("extent");
        }

        var extracted = Directory.CreateDirectory(fixture.Root["extracted"]).FullName;
        ExternalTool.Check("debugfs", "-R", $"rdump / {extracted}", image);
        TreeSnapshot.Of(extracted, "lost+found").Should().Equal(TreeSnapshot.Of(src));
        SameBytesTwice(fixture, type, src, image, "--label=rootfs");
    }

    [Fact]
    public void Iso_lists_with_xorriso_and_extracts_the_folder_with_rock_ridge()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);

        var image = Build(fixture, "iso", src, "--label=HYPERBAKE");

        var find = ExternalTool.Check("xorriso", "-indev", image, "-find", "/", "-type", "f");
        find.StdOut.Should().Contain(AwkwardFolder.LongFileName).And.Contain("ñandú-€.txt").And.Contain("'/README'").And.Contain("'/Readme'");
        find.Output.Should().Contain("Volume id    : 'HYPERBAKE'");
        var extracted = fixture.Root["extracted"];
        ExternalTool.Check("xorriso", "-osirrox", "on", "-indev", image, "-extract", "/", extracted);
        TreeSnapshot.Of(extracted).Should().Equal(TreeSnapshot.Of(src));
        SameBytesTwice(fixture, "iso", src, image, "--label=HYPERBAKE");
    }

    [Fact]
    public void Iso_with_efi_boot_has_a_uefi_el_torito_entry_for_the_fat_image_in_the_tree()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);
        var esp = Directory.CreateDirectory(fixture.Root["esp/EFI/BOOT"]).FullName;
        File.WriteAllText(Path.Combine(esp, "BOOTX64.EFI"), "not really a loader");
        Directory.CreateDirectory(Path.Combine(src, "boot"));
        fixture.Run("--target=Filesystem", "--type=fat", "--from=" + fixture.Root["esp"], "--out=" + Path.Combine(src, "boot", "efi.img"), Epoch).Should().Be(0, fixture.Output);

        var image = Build(fixture, "iso", src, "--efi-boot=boot/efi.img");

        var report = ExternalTool.Check("xorriso", "-indev", image, "-report_el_torito", "plain").Output;
        report.Should().Contain("UEFI");
        report.Should().MatchRegex(@"El Torito boot img :\s+1\s+UEFI");
    }

    [Fact]
    public void Tar_lists_with_root_owner_and_clamped_times_and_round_trips()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);

        var image = Build(fixture, "tar", src);

        var listing = ExternalTool.Check("tar", "--full-time", "-tvf", image).StdOut;
        listing.Should().Contain("0/0").And.Contain("2023-11-14 22:13:20").And.Contain("link -> hello.txt");
        listing.Should().NotContain("2024-").And.NotContain("2025-").And.NotContain("2026-");
        var extracted = Directory.CreateDirectory(fixture.Root["extracted"]).FullName;
        ExternalTool.Check("tar", "-xf", image, "-C", extracted);
        TreeSnapshot.Of(extracted).Should().Equal(TreeSnapshot.Of(src));
        SameBytesTwice(fixture, "tar", src, image);
    }

    [Fact]
    public void Cpio_gz_lists_with_cpio_and_round_trips()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);
        var image = fixture.Root["out/image.cpio.gz"];

        fixture.Run("--target=Filesystem", "--type=cpio", "--from=" + src, "--out=" + image, Epoch).Should().Be(0, fixture.Output);

        var cpio = ExternalTool.Run("gzip", "-dc", image);
        cpio.ExitCode.Should().Be(0, cpio.StdErr);
        var plain = fixture.Root["out/image.cpio"];
        ExternalTool.Check("bash", "-c", $"gzip -dc '{image}' > '{plain}'");
        ExternalTool.Check("bash", "-c", $"cpio -t < '{plain}'").StdOut.Should().Contain(AwkwardFolder.LongFileName).And.Contain("Grüße-日本語/ñandú-€.txt");
        var extracted = Directory.CreateDirectory(fixture.Root["extracted"]).FullName;
        ExternalTool.Check("bash", "-c", $"cd '{extracted}' && cpio -idm --quiet < '{plain}'");
        TreeSnapshot.Of(extracted).Should().Equal(TreeSnapshot.Of(src));
        SameBytesTwice(fixture, "cpio", src, image);
    }

    [Theory]
    [InlineData("in.tar.gz", "tar -czf {0} -C {1} .")]
    [InlineData("in.tar.bz2", "tar -cjf {0} -C {1} .")]
    [InlineData("in.tgz", "tar -czf {0} -C {1} .")]
    [InlineData("in.cpio", "cd {1} && find . | cpio -o -H newc --quiet > {0}")]
    [InlineData("in.cpio.gz", "cd {1} && find . | cpio -o -H newc --quiet | gzip -n > {0}")]
    public void Archives_made_by_the_standard_tools_are_inputs(string name, string command)
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);
        var archive = fixture.Root[name];
        ExternalTool.Check("bash", "-c", string.Format(System.Globalization.CultureInfo.InvariantCulture, command, $"'{archive}'", $"'{src}'"));

        var image = Build(fixture, "squashfs", archive);

        var extracted = fixture.Root["extracted"];
        ExternalTool.Check("unsquashfs", "-no-xattrs", "-d", extracted, image);
        TreeSnapshot.Of(extracted).Should().Equal(TreeSnapshot.Of(src));
        ExternalTool.Check("unsquashfs", "-lls", image).StdOut.Should().NotContain("2024-").And.NotContain("2025-").And.NotContain("2026-");
    }

    [Fact]
    public void A_folders_owners_become_root_unless_kept()
    {
        using var fixture = new BuildFixture();
        var src = AwkwardFolder.Create(fixture.Root["src"]);
        var owner = OwnerOfOneFile(Path.Combine(src, "hello.txt"));

        var forced = Build(fixture, "tar", src);
        var kept = fixture.Root["out/kept.tar"];
        fixture.Run("--target=Filesystem", "--type=tar", "--from=" + src, "--out=" + kept, "--keep-owner", Epoch).Should().Be(0, fixture.Output);

        ExternalTool.Check("tar", "-tvnf", forced).StdOut.Should().MatchRegex(@"0/0 +6 [^\n]* hello\.txt");
        ExternalTool.Check("tar", "-tvnf", kept).StdOut.Should().MatchRegex($@"{owner}/{owner} +6 [^\n]* hello\.txt");
    }

    [Theory]
    [InlineData(new[] { "--type=xfs" }, "Error: --type=xfs is not a type this target writes. Use one of: fat, fat12, fat16, fat32, squashfs, ext2, ext3, ext4, iso, tar, cpio.")]
    [InlineData(new[] { "--type=ext4", "--from=missing" }, "Error: --from=missing: no such folder or file (")]
    [InlineData(new[] { "--type=ext4", "--size=1M" }, "Error: --size=1MiB is too small for the ext4 image of src: it needs at least 8,388,608 bytes, the size given is 1,048,576 bytes. Use --size=8MiB or more, or leave --size out to have it computed.")]
    [InlineData(new[] { "--type=fat16", "--size=100K", "--skip-unsupported" }, "Error: --size=100KiB is too small for the fat16 image of src: it needs at least ")]
    [InlineData(new[] { "--type=fat" }, "Error: src holds 'link', a symlink, which FAT cannot hold. Remove it, or give --skip-unsupported to leave such entries out.")]
    [InlineData(new[] { "--type=squashfs", "--label=ROOT" }, "Error: --label=ROOT: a squashfs image has no label. Leave --label out.")]
    [InlineData(new[] { "--type=fat", "--label=MUCH-TOO-LONG", "--skip-unsupported" }, "Error: --label=MUCH-TOO-LONG is 13 characters; a fat label holds 1 to 11. Shorten it.")]
    [InlineData(new[] { "--type=ext4", "--size=lots" }, "Error: --size=lots is not a size.")]
    [InlineData(new[] { "--type=iso", "--efi-boot=boot/efi.img" }, "Error: --efi-boot=boot/efi.img: src has no file 'boot/efi.img'.")]
    [InlineData(new[] { "--type=tar", "--size=1M" }, "Error: --size=1MiB: a tar archive is as long as its content. Leave --size out.")]
    public void Bad_options_name_the_option_the_value_and_the_fix_and_leave_nothing(string[] options, string message)
    {
        using var fixture = new BuildFixture();
        AwkwardFolder.Create(fixture.Root["src"]);
        var args = new List<string> { "--target=Filesystem", "--out=out/image.img", Epoch };
        if (!options.Any(o => o.StartsWith("--from", StringComparison.Ordinal)))
        {
            args.Add("--from=src");
        }

        args.AddRange(options);

        fixture.Run([.. args]).Should().NotBe(0);

        fixture.Output.Should().Contain(message);
        Directory.Exists(fixture.Root["out"]).Should().BeFalse("a failed run writes nothing, not even a .partial file");
    }

    [Fact]
    public void A_missing_out_is_named()
    {
        using var fixture = new BuildFixture();
        AwkwardFolder.Create(fixture.Root["src"]);

        fixture.Run("--target=Filesystem", "--type=ext4", "--from=src", Epoch).Should().NotBe(0);

        fixture.Output.Should().Contain("Error: --out is missing. Give it, e.g. --out=rootfs.img.");
    }

    private static string Build(BuildFixture fixture, string type, string from, params string[] options)
    {
        var image = fixture.Root[$"out/image.{type}"];
        fixture.Run(["--target=Filesystem", "--type=" + type, "--from=" + from, "--out=" + image, Epoch, .. options]).Should().Be(0, fixture.Output);
        File.Exists(image + ".partial").Should().BeFalse();
        return image;
    }

    private static void SameBytesTwice(BuildFixture fixture, string type, string from, string first, params string[] options)
    {
        var again = fixture.Root["again/" + Path.GetFileName(first)];
        fixture.Run(["--target=Filesystem", "--type=" + type, "--from=" + from, "--out=" + again, Epoch, .. options]).Should().Be(0, fixture.Output);
        File.ReadAllBytes(again).Should().Equal(File.ReadAllBytes(first), "two runs on the same inputs give identical bytes");
    }

    // As root the file is given to uid 1234; otherwise it keeps the user's own (non-zero) uid.
    private static string OwnerOfOneFile(string path)
    {
        if (ExternalTool.Run("chown", "1234:1234", path).ExitCode == 0)
        {
            return "1234";
        }

        return ExternalTool.Check("id", "-u").StdOut.Trim();
    }
}
