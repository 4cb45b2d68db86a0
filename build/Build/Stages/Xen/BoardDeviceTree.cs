using System.Diagnostics;
using Hyperbake.Imaging.DeviceTree;

namespace Build.Stages.Xen;

/// <summary>
/// The emulated board's device tree, made by QEMU itself (<c>-machine dumpdtb=FILE</c> with the board's
/// options) so it matches the machine the image boots on, then made reproducible: compacted (QEMU pads it to
/// 1 MiB; <c>dtc -I dtb -O dtb</c> gives the same), /chosen's random <c>rng-seed</c> and <c>kaslr-seed</c>
/// dropped, and the board's unwanted nodes removed.
/// </summary>
public static class BoardDeviceTree
{
    public const string Emulator = "qemu-system-aarch64";

    /// <summary>/chosen properties QEMU fills with fresh random bytes on every run.</summary>
    private static readonly string[] RandomSeeds = ["rng-seed", "kaslr-seed"];

    public static byte[] Make(XenBoard board, string scratch)
    {
        var dumped = Path.Combine(scratch, "qemu-dumpdtb.dtb");
        var (exit, output) = RunQemu([.. QemuOptions(board), "-machine", "dumpdtb=" + dumped, "-display", "none", "-nodefaults"]);
        if (exit != 0 || !File.Exists(dumped))
        {
            throw new InvalidOperationException($"{Emulator} could not dump the board's device tree (exit {exit}): {output.Trim()}");
        }

        var tree = FlattenedDeviceTree.ReadFile(dumped);
        File.Delete(dumped);
        return Normalize(tree, board);
    }

    /// <summary>The options that decide the board's hardware (and so its device tree).</summary>
    public static IReadOnlyList<string> QemuOptions(XenBoard board) =>
    [
        "-machine", board.Machine, "-cpu", board.Cpu,
        "-m", board.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-smp", board.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    public static byte[] Normalize(FlattenedDeviceTree tree, XenBoard board)
    {
        if (tree.FindNode("/chosen") is { } chosen)
        {
            foreach (var seed in RandomSeeds)
            {
                chosen.RemoveProperty(seed);
            }
        }

        foreach (var path in board.RemoveNodes)
        {
            if (!tree.RemoveNode(path))
            {
                throw new InvalidOperationException(
                    $"The board's device tree has no node {path} to remove; this QEMU builds a different virt board. Update board.remove-nodes in recipes/files/xen/dom0less.yaml.");
            }
        }

        return tree.ToBytes();
    }

    /// <summary>The emulator's version line (a build input: another QEMU may build another board).</summary>
    public static string Version()
    {
        var (exit, output) = RunQemu(["--version"]);
        return exit == 0 ? output.Split('\n')[0].Trim() : throw new InvalidOperationException($"{Emulator} --version failed: {output}");
    }

    private static (int Exit, string Output) RunQemu(IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(Emulator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{Emulator} is not installed; install the Debian package 'qemu-system-arm'.");
        }
    }
}
