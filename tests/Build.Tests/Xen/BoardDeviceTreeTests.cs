using Build.Stages.Xen;
using Hyperbake.Imaging.DeviceTree;
using Hyperbake.Testing;

namespace Build.Tests.Xen;

/// <summary>The board's device tree comes from QEMU and is made reproducible.</summary>
public sealed class BoardDeviceTreeTests
{
    private static readonly XenBoard Board = new("virt,gic-version=3,virtualization=true", "cortex-a57", 2048, 2, "virt.dtb", ["/gpio-keys", "/pl061@9030000"]);

    [Fact]
    public void Two_dumps_give_the_same_compact_blob_that_dtc_reads()
    {
        using var scratch = new TempDirectory();

        var first = BoardDeviceTree.Make(Board, scratch.Path);
        var second = BoardDeviceTree.Make(Board, scratch.Path);

        first.Should().Equal(second, "QEMU's random /chosen seeds are dropped");
        first.Length.Should().BeLessThan(64 * 1024, "QEMU's 1 MiB of padding is gone");
        File.WriteAllBytes(scratch["virt.dtb"], first);
        var dts = ExternalTool.Check("dtc", "-I", "dtb", "-O", "dts", scratch["virt.dtb"]).StdOut;
        dts.Should().Contain("arm,gic-v3").And.Contain("arm,cortex-a57");
        dts.Should().NotContain("pl061");
    }

    [Fact]
    public void A_node_to_remove_that_is_absent_names_the_setting()
    {
        var tree = new FlattenedDeviceTree();
        tree.GetOrCreateNode("/chosen").SetU32("kaslr-seed", 1, 2);

        var act = () => BoardDeviceTree.Normalize(tree, Board);

        act.Should().Throw<InvalidOperationException>().WithMessage("The board's device tree has no node /gpio-keys to remove*board.remove-nodes*");
    }
}
