using System.Globalization;
using System.Text.RegularExpressions;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>The awkward tree's ISO as xorriso and isoinfo see it, and what xorriso extracts from it.</summary>
public sealed class IsoBuilderReferenceToolTests(AwkwardIsoFixture fixture) : IClassFixture<AwkwardIsoFixture>
{
    private readonly FileTree tree = fixture.Tree;

    private readonly string image = fixture.ImagePath;

    [Fact]
    public void Written_length_is_the_computed_size()
    {
        new FileInfo(image).Length.Should().Be(fixture.Builder.ComputeSize());
    }

    [Fact]
    public void Xorriso_lists_every_node_with_its_mode_owner_size_device_and_target()
    {
        var listing = Xorriso.List(image);
        var expected = TreeExpectations.Entries(tree).ToList();
        SameSet(listing.Keys, expected.Select(e => "/" + e.Path).Append("/").Append("/" + AwkwardIsoFixture.EfiImagePath));
        foreach (var entry in expected)
        {
            var listed = listing["/" + entry.Path];
            var node = entry.Node;
            listed.Mode.Should().Be(TreeExpectations.LsMode(node), entry.Path);
            listed.Uid.Should().Be(node.Uid, entry.Path);
            listed.Gid.Should().Be(node.Gid, entry.Path);
            switch (node.Kind)
            {
                case FileNodeKind.RegularFile:
                    listed.SizeOrDevice.Should().Be(node.Size.ToString(CultureInfo.InvariantCulture), entry.Path);
                    break;
                case FileNodeKind.CharDevice or FileNodeKind.BlockDevice:
                    listed.SizeOrDevice.Should().Be($"{node.DeviceMajor},{node.DeviceMinor}", entry.Path);
                    break;
                case FileNodeKind.Symlink:
                    listed.SymlinkTarget.Should().Be(node.SymlinkTarget, entry.Path);
                    break;
            }
        }
    }

    [Fact]
    public void Xorriso_extracts_the_input_tree_with_bytes_modes_owners_mtimes_links_and_devices()
    {
        using var scratch = new MemoryScratch();
        var output = scratch["extracted"];
        Xorriso.Run("-osirrox", "device_files", "-hardlinks", "on", "-indev", image, "-extract", "/", output);
        var stats = ExtractedStat.Read(output);
        var expected = TreeExpectations.Entries(tree).ToList();
        SameSet(stats.Keys, expected.Select(e => e.Path).Append(AwkwardIsoFixture.EfiImagePath));

        var inodeOfNode = new Dictionary<FileNode, long>(ReferenceEqualityComparer.Instance);
        foreach (var entry in expected)
        {
            var stat = stats[entry.Path];
            var node = entry.Node;
            stat.Mode.Should().Be(node.PosixMode, entry.Path);
            stat.Uid.Should().Be(node.Uid, entry.Path);
            stat.Gid.Should().Be(node.Gid, entry.Path);
            var full = Path.Combine(output, entry.Path);
            switch (node.Kind)
            {
                case FileNodeKind.RegularFile:
                    File.ReadAllBytes(full).Should().Equal(ReadContent(node), entry.Path);
                    break;
                case FileNodeKind.Symlink:
                    new FileInfo(full).LinkTarget.Should().Be(node.SymlinkTarget, entry.Path);
                    break;
                case FileNodeKind.CharDevice or FileNodeKind.BlockDevice:
                    (stat.Major, stat.Minor).Should().Be((node.DeviceMajor, node.DeviceMinor), entry.Path);
                    break;
            }

            if (node.Kind != FileNodeKind.Symlink)
            {
                // xorriso sets no times on symlinks (no lutimes); everything else must keep the node's mtime.
                stat.ModificationTime.Should().Be(node.ModificationTime, entry.Path);
            }

            if (node.Kind == FileNodeKind.RegularFile)
            {
                // Hard links come back as one inode; distinct nodes as distinct inodes.
                if (inodeOfNode.TryGetValue(node, out var inode))
                {
                    stat.Inode.Should().Be(inode, $"{entry.Path} is a hard link");
                }
                else
                {
                    inodeOfNode[node] = stat.Inode;
                }
            }
        }

        inodeOfNode.Values.Distinct().Count().Should().Be(inodeOfNode.Count, "separate files must not be linked");
        File.ReadAllBytes(Path.Combine(output, AwkwardIsoFixture.EfiImagePath)).Should().Equal(fixture.EfiImage);
    }

    [Fact]
    public void Isoinfo_reports_volume_id_rock_ridge_joliet_and_el_torito()
    {
        var info = ExternalTool.Check("isoinfo", "-d", "-i", image).StdOut;
        info.Should().Contain("Volume id: AWKWARD_TEST");
        info.Should().Contain("Publisher id: HYPERBAKE TESTS");
        info.Should().Contain("Application id: HYPERBAKE");
        info.Should().Contain("Joliet with UCS level 3 found");
        info.Should().Contain("Rock Ridge signatures version 1 found");
        info.Should().MatchRegex(@"El Torito VD version 1 found, boot catalog is in sector \d+");
        info.Should().Contain("Arch 239");
        info.Should().Contain("Boot media 0 (No Emulation Boot)");
        info.Should().Contain($"Volume size is: {fixture.Builder.ComputeSize() / 2048}");
    }

    [Fact]
    public void Volume_dates_come_from_source_date_epoch()
    {
        var pvd = Xorriso.Run("-indev", image, "-pvd_info").StdOut;
        var stamp = DateTimeOffset.FromUnixTimeSeconds(AwkwardTree.Epoch).UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "00";
        pvd.Should().Contain($"Creation Time: {stamp}");
        pvd.Should().Contain($"Modif. Time  : {stamp}");
        pvd.Should().Contain($"Eff. Time    : {stamp}");
        pvd.Should().Contain("Expir. Time  : 0000000000000000");
        pvd.Should().Contain("Volume Id    : AWKWARD_TEST");
    }

    [Fact]
    public void Isoinfo_rock_ridge_listing_shows_every_posix_name()
    {
        var listed = IsoinfoPaths("-R");
        SameSet(listed, TreeExpectations.Entries(tree).Select(e => e.Path).Append(AwkwardIsoFixture.EfiImagePath));
    }

    [Fact]
    public void Isoinfo_joliet_listing_keeps_case_and_long_names_and_shortens_to_64_characters()
    {
        var listed = IsoinfoPaths("-J");
        var expectedCount = TreeExpectations.Entries(tree).Count(e => e.Node.Kind is FileNodeKind.Directory or FileNodeKind.RegularFile) + 1;
        listed.Should().HaveCount(expectedCount).And.OnlyHaveUniqueItems();
        listed.Should().Contain(["README;1", "readme;1", "ReadMe.txt;1", "readme.TXT;1", "Dir.With.Dots", "dir.with.dots", "with space .txt;1", "archive.tar.gz;1"]);
        listed.Should().Contain(new string('L', 59) + ".conf;1");
        listed.Should().Contain("x-a_b_c_d_e_f.txt;1");
        listed.Should().Contain(string.Join('/', Enumerable.Range(1, AwkwardTree.DeepLevels).Select(i => $"level{i}")) + "/leaf.txt;1");
        listed.Where(p => p.StartsWith("big/", StringComparison.Ordinal)).Should().HaveCount(AwkwardTree.BigDirectoryEntries);
        listed.Select(p => p.Split('/')[^1]).Should().OnlyContain(name => name.Length <= 66);
    }

    [Fact]
    public void Plain_iso_names_are_unique_upper_case_d_characters()
    {
        var listed = IsoinfoPaths(null);
        var expectedCount = TreeExpectations.Entries(tree).Count(e => e.Node.Kind != FileNodeKind.Socket) + 1;
        listed.Should().HaveCount(expectedCount).And.OnlyHaveUniqueItems();
        foreach (var name in listed.Select(p => p.Split('/')[^1]))
        {
            name.Should().MatchRegex(@"^[A-Z0-9_]{1,31}$|^[A-Z0-9_]*\.[A-Z0-9_]*;1$");
            name.Length.Should().BeLessThanOrEqualTo(33);
        }

        listed.Should().Contain(["README.;1", "README1.;1", "README.TXT;1", "README1.TXT;1", "FOO", "FOO1.;1"]);
    }

    [Fact]
    public void Xorriso_reports_the_uefi_entry_with_the_image_size_and_block()
    {
        var report = Xorriso.Run("-indev", image, "-report_el_torito", "plain").StdOut;
        var block = FileBlock("/" + AwkwardIsoFixture.EfiImagePath);
        var sectors = (fixture.EfiImage.Length + 2047) / 2048 * 4;
        report.Should().MatchRegex($@"El Torito boot img :\s+1\s+UEFI\s+y\s+none\s+0x0000\s+0x00\s+{sectors}\s+{block}\b");
        report.Should().MatchRegex(@"El Torito img path :\s+1\s+/boot/efi\.img");
        report.Should().NotContain("BIOS");
    }

    [Fact]
    public void The_boot_catalog_points_at_the_efi_image_bytes()
    {
        var block = FileBlock("/" + AwkwardIsoFixture.EfiImagePath);
        using var iso = File.OpenRead(image);
        var bytes = new byte[fixture.EfiImage.Length];
        iso.Seek(block * 2048, SeekOrigin.Begin);
        iso.ReadExactly(bytes);
        bytes.Should().Equal(fixture.EfiImage);
    }

    /// <summary>Set equality that names what is missing and what is extra (and stays linear for 5,000 names).</summary>
    private static void SameSet(IEnumerable<string> actual, IEnumerable<string> expected)
    {
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        var expectedSet = expected.ToHashSet(StringComparer.Ordinal);
        expectedSet.Except(actualSet).Should().BeEmpty("these paths are in the tree but not in the image");
        actualSet.Except(expectedSet).Should().BeEmpty("these paths are in the image but not in the tree");
    }

    private static byte[] ReadContent(FileNode node)
    {
        using var stream = node.Content!.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The start block of a file as xorriso reports it.</summary>
    private long FileBlock(string path)
    {
        var lba = Xorriso.Run("-indev", image, "-find", path, "-exec", "report_lba").StdOut;
        var match = Regex.Match(lba, @"File data lba:\s+\d+\s*,\s*(\d+)\s*,");
        match.Success.Should().BeTrue(lba);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Every path isoinfo lists (-R: Rock Ridge names, -J: Joliet, null: plain ISO 9660), relative to the root.</summary>
    private List<string> IsoinfoPaths(string? mode)
    {
        var args = new List<string> { "-l", "-i", image };
        if (mode is not null)
        {
            args.Insert(0, mode);
        }

        var result = ExternalTool.Run("isoinfo", args);
        result.ExitCode.Should().Be(0, result.Output);
        result.StdErr.Should().BeEmpty();
        var paths = new List<string>();
        var directory = "";
        foreach (var line in result.StdOut.Split('\n'))
        {
            if (line.StartsWith("Directory listing of /", StringComparison.Ordinal))
            {
                directory = line["Directory listing of /".Length..];
                continue;
            }

            var bracket = line.IndexOf("] ", StringComparison.Ordinal);
            if (bracket < 0)
            {
                continue;
            }

            var name = line[(bracket + 2)..].TrimStart();
            name = name.EndsWith(' ') ? name[..^1] : name;
            if (line.StartsWith('l') && name.IndexOf(" -> ", StringComparison.Ordinal) is var arrow and > 0)
            {
                name = name[..arrow];
            }
            if (name is "." or "..")
            {
                continue;
            }

            paths.Add(directory + name);
        }

        return paths;
    }
}
