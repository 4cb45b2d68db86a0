using System.Text;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder.DiskImage;

/// <summary>
/// The inputs of a disk_image run like ImageBuilder's recorded example: Dom0 with a tar.gz rootfs, domU0 not
/// booted (passthrough serial, driver domain), domU1 with a cpio.gz rootfs. Archives are made by GNU tar and
/// cpio from a tree with awkward entries (nested and non-ASCII names, a symlink, a hard link, an empty file).
/// </summary>
internal sealed class DiskImageScenario : IDisposable
{
    public const long Epoch = 1700000000;

    public DiskImageScenario()
    {
        Directory.CreateDirectory(Inputs);
        Zeros("Image", 3_000_001);
        Zeros("xen", 900_000);
        Zeros("boot.scr", 2_000);
        File.WriteAllText(Path.Combine(Inputs, "boot.source"), "booti 0x1 - 0x2\n");
        Dtc("virt.dtb", "/dts-v1/;\n/ { compatible = \"linux,dummy-virt\"; #address-cells = <2>; #size-cells = <2>; chosen { }; };\n");
        Dtc("serial0-passthrough.dtb", """
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                passthrough {
                    compatible = "simple-bus";
                    ranges;
                    #address-cells = <2>;
                    #size-cells = <2>;
                    serial@ff000000 {
                        compatible = "cdns,uart-r1p12";
                        reg = <0x0 0xff000000 0x0 0x1000>;
                        interrupts = <0 21 4>;
                        xen,path = "/axi/serial@ff000000";
                        xen,reg = <0x0 0xff000000 0x0 0x1000 0x0 0xff000000>;
                    };
                };
            };
            """);

        MakeTree("tree-dom0", "dom0");
        Shell($"tar -C {Q(Work("tree-dom0"))} --owner=0 --group=0 --mtime=@{Epoch} -czf {Q(Path.Combine(Inputs, "dom0-rootfs.tar.gz"))} .");
        MakeTree("tree-domu1", "domU1");
        Shell($"cd {Q(Work("tree-domu1"))} && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -n > {Q(Path.Combine(Inputs, "domU1-rootfs.cpio.gz"))}");
        MakeTree("tree-ramdisk", "ramdisk");
        Shell($"cd {Q(Work("tree-ramdisk"))} && find . | LC_ALL=C sort | cpio -o -H newc --quiet > {Q(Path.Combine(Inputs, "domU0-ramdisk.cpio"))}");
        Shell($"cd {Q(Work("tree-ramdisk"))} && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -n > {Q(Path.Combine(Inputs, "dom0-ramdisk.cpio.gz"))}");
    }

    public TempDirectory Root { get; } = new("hyperbake-diskimage-");

    public string Inputs => Root["inputs"];

    /// <summary>The example's config (GPT, Dom0 rootfs, domU0 NOBOOT with passthrough, domU1 with a rootfs).</summary>
    public static string GptConfig => """
        MEMORY_START="0x0"
        MEMORY_END="0x80000000"
        LOAD_CMD="tftpb"
        DEVICE_TREE="virt.dtb"
        XEN="xen"
        DOM0_KERNEL="Image"
        DOM0_RAMDISK="dom0-ramdisk.cpio.gz"
        DOM0_ROOTFS="dom0-rootfs.tar.gz"
        NUM_DOMUS=2
        DOMU_KERNEL[0]="Image"
        DOMU_RAMDISK[0]="domU0-ramdisk.cpio"
        DOMU_PASSTHROUGH_DTB[0]="serial0-passthrough.dtb"
        DOMU_MEM[0]=256
        DOMU_VCPUS[0]=2
        DOMU_NOBOOT[0]=1
        DOMU_DRIVER_DOMAIN[0]=1
        DOMU_KERNEL[1]="Image"
        DOMU_CMD[1]="console=hvc0 rw"
        DOMU_ROOTFS[1]="domU1-rootfs.cpio.gz"
        UBOOT_SOURCE="boot.source"
        UBOOT_SCRIPT="boot.scr"
        GPT=1
        """;

    public string Work(string name) => Root[name];

    public void Dispose() => Root.Dispose();

    public static string Q(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static void Shell(string command)
    {
        var r = ExternalTool.Run("bash", "-c", "set -e; " + command);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed: {r.Output}");
        }
    }

    private void Zeros(string name, int length) => File.WriteAllBytes(Path.Combine(Inputs, name), new byte[length]);

    private void Dtc(string name, string source)
    {
        var dts = Work(name + ".dts");
        File.WriteAllText(dts, source);
        ExternalTool.Check("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", Path.Combine(Inputs, name), dts);
    }

    private void MakeTree(string folder, string who)
    {
        var t = Work(folder);
        Directory.CreateDirectory(Path.Combine(t, "etc"));
        Directory.CreateDirectory(Path.Combine(t, "usr/share/deep/a/b/c/d/e/f/g"));
        File.WriteAllText(Path.Combine(t, "etc/hostname"), who + "\n");
        File.WriteAllText(Path.Combine(t, "usr/share/deep/a/b/c/d/e/f/g/Grüße-ñ.txt"), "non-ASCII name\n", Encoding.UTF8);
        File.WriteAllBytes(Path.Combine(t, "usr/share/empty"), []);
        File.WriteAllBytes(Path.Combine(t, "usr/share/large.bin"), Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());
        File.CreateSymbolicLink(Path.Combine(t, "init"), "usr/share/empty");
        Shell($"ln {Q(Path.Combine(t, "etc/hostname"))} {Q(Path.Combine(t, "etc/hostname.link"))}");
    }
}
