using System.Globalization;
using Build.Stages.Live;
using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Trees;
using Hyperbake.Model.Recipes;

namespace Build.Stages.Xen;

/// <summary>
/// A guest's initramfs: the recipe's root filesystem (userland packages, directories, symlinks, the
/// templated /init) plus the guest's role and power-off delay, as a deterministic newc cpio.gz.
/// </summary>
public static class GuestInitramfs
{
    public static void Write(ImageRecipe recipe, IReadOnlyList<FileTree> userland, TemplateValues values, XenGuest guest, long sourceDateEpoch, string path)
    {
        var tree = RootfsComposer.Compose(recipe, userland, values, sourceDateEpoch);
        tree.AddFile("etc/hyperbake/role", guest.Role + "\n");
        tree.AddFile("etc/hyperbake/poweroff-after", guest.PowerOffAfterSeconds.ToString(CultureInfo.InvariantCulture) + "\n");

        // The kernel opens /dev/console for /init before anything mounts devtmpfs.
        if (tree.Find("dev/console") is null)
        {
            tree.Add("dev/console", FileNode.Device(FileNodeKind.CharDevice, 5, 1, 0x180));
        }

        InitramfsStage.Stamp(tree, sourceDateEpoch);
        CpioTreeWriter.WriteFile(tree, path, new CpioWriteOptions { Gzip = true });
    }
}
