using Hyperbake.Boot.ImageBuilder.DiskImage;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Host;
using Hyperbake.Imaging.Disks;

namespace Build.Stages.Xen;

/// <summary>
/// <c>disk_image -c FILE -d DIR [-t CMD] [-s SLACK] [-a] -o IMG [-p PATH]</c> from the command line:
/// <c>--ib-config --ib-dir --ib-load --ib-slack --ib-pow2 --ib-output --ib-prepend</c>, plus <c>--ib-format</c>
/// (raw, qcow2, vhdx, vdi, vmdk) and <c>--ib-dt-mode=buildtime</c> (the patched device tree goes onto the boot partition too).
/// </summary>
public static class DiskImageStage
{
    public static DiskImagePlan Run(BuildContext context)
    {
        var args = new ImageBuilderArguments(context);
        var configPath = args.RequiredPath(ImageBuilderArguments.Config, "-c CONFIG_FILE");
        var directory = args.RequiredPath(ImageBuilderArguments.Dir, "-d UBOOT_DIR");
        var output = args.RequiredPath(ImageBuilderArguments.Output, "-o IMG");
        var config = UBootScriptStage.ReadConfig(context, configPath, directory);
        var extra = new List<string>();
        if (args.DeviceTreeMode() == DeviceTreeMode.BuildTime && config.DeviceTree.Length > 0)
        {
            extra.Add(PatchedDeviceTreeName(config.DeviceTree));
        }

        var options = new DiskImageOptions
        {
            Directory = directory,
            Output = output,
            LoadCommand = args.Text(ImageBuilderArguments.Load),
            SlackMiB = args.Integer(ImageBuilderArguments.Slack, 1) ?? 128,
            PowerOfTwo = args.Flag(ImageBuilderArguments.PowerOfTwo),
            Prepend = args.Text(ImageBuilderArguments.Prepend),
            SourceDateEpoch = context.SourceDateEpoch,
            Format = Format(args.Text(ImageBuilderArguments.Format)),
            AdditionalBootFiles = extra,
        };
        var plan = UBootScriptStage.Guard(() => DiskImageGenerator.Generate(config, options));
        foreach (var line in plan.Messages)
        {
            context.Log.Information("{0}", line);
        }

        foreach (var warning in plan.Warnings)
        {
            context.Log.Warning("{0}", warning);
        }

        context.Log.Information("Wrote {0} ({1} MiB, {2})", output, plan.TotalMiB, plan.TableType);
        return plan;
    }

    /// <summary>The name the build-time device tree mode gives the patched blob (DEVICE_TREE with -patched.dtb).</summary>
    public static string PatchedDeviceTreeName(string deviceTree) =>
        (deviceTree.EndsWith(".dtb", StringComparison.Ordinal) ? deviceTree[..^4] : deviceTree) + "-patched.dtb";

    private static DiskFormat Format(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "raw" or "img" => DiskFormat.Raw,
        "qcow2" => DiskFormat.Qcow2,
        "vhdx" => DiskFormat.Vhdx,
        "vdi" => DiskFormat.Vdi,
        "vmdk" => DiskFormat.Vmdk,
        _ => throw new CakeException($"--{ImageBuilderArguments.Format}={text} is not a disk format; use raw, qcow2, vhdx, vdi or vmdk."),
    };
}
