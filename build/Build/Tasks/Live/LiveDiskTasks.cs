using System.Reflection;
using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

/// <summary>The inputs every live disk format is streamed from.</summary>
internal static class LiveParts
{
    public static (string Efi, string Rootfs, string Config) Of(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var root = $"{EfiImageTask.LiveRoot} hyperbake.rootfstype={context.Knobs.RootfsFormat}";
        return (
            build.Output("EfiImage", Path.Combine(build.Parts, string.Concat(root.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')), EfiImageStage.Output)),
            build.Output("RootfsImage", Path.Combine(build.Dist, RootfsImageStage.OutputName(build))),
            build.Output("ConfigImage", Path.Combine(build.Dist, ConfigImageStage.Output)));
    }

    public static string Write(BuildContext context, string format)
    {
        var build = LiveBuild.Live(context);
        var (efi, rootfs, config) = Of(context);
        var path = LiveDiskStage.Run(context, build, format, efi, rootfs, config);
        LiveImageLink.PointAt(build.Dist, path);
        return build.Produced("Live-" + format, path);
    }
}

/// <summary>One live disk format: runs when <see cref="LiveFormats"/> wants it in this run.</summary>
public abstract class LiveFormatTask : LiveStageTask
{
    private string? _skipped;

    /// <summary>The format this task writes, as <see cref="LiveFormats.All"/> pairs them.</summary>
    public string Format => LiveFormats.Of(GetType());

    public override string SkippedMessage => _skipped ?? base.SkippedMessage;

    public override bool ShouldRun(BuildContext context)
    {
        if (!base.ShouldRun(context))
        {
            return false;
        }

        if (LiveFormats.Wanted(context).Contains(Format))
        {
            return true;
        }

        _skipped = $"not in --img-format ({context.Knobs.ImgFormatValue.Value}); --img-format={Format} or --target={GetType().GetCustomAttribute<TaskNameAttribute>()!.Name} writes it";
        return false;
    }
}

[TaskName("LiveRaw")]
[TaskDescription("Assembles live.raw: GPT with EFI, IMGA, IMGB, CONFIG and P3 (EVE's layout), sparse")]
[IsDependentOn(typeof(EfiImageTask))]
[IsDependentOn(typeof(RootfsImageTask))]
[IsDependentOn(typeof(ConfigImageTask))]
public sealed class LiveRawTask : LiveFormatTask
{
    public override void Run(BuildContext context) => LiveParts.Write(context, Format);
}

[TaskName("LiveQcow2")]
[TaskDescription("Writes live.qcow2 from the same layout")]
[IsDependentOn(typeof(EfiImageTask))]
[IsDependentOn(typeof(RootfsImageTask))]
[IsDependentOn(typeof(ConfigImageTask))]
public sealed class LiveQcow2Task : LiveFormatTask
{
    public override void Run(BuildContext context) => LiveParts.Write(context, Format);
}

[TaskName("LiveVdi")]
[TaskDescription("Writes live.vdi (VirtualBox) from the same layout")]
[IsDependentOn(typeof(EfiImageTask))]
[IsDependentOn(typeof(RootfsImageTask))]
[IsDependentOn(typeof(ConfigImageTask))]
public sealed class LiveVdiTask : LiveFormatTask
{
    public override void Run(BuildContext context) => LiveParts.Write(context, Format);
}

[TaskName("LiveVhdx")]
[TaskDescription("Writes live.vhdx (Hyper-V) from the same layout")]
[IsDependentOn(typeof(EfiImageTask))]
[IsDependentOn(typeof(RootfsImageTask))]
[IsDependentOn(typeof(ConfigImageTask))]
public sealed class LiveVhdxTask : LiveFormatTask
{
    public override void Run(BuildContext context) => LiveParts.Write(context, Format);
}

[TaskName("LiveVmdk")]
[TaskDescription("Writes live.vmdk (VMware, monolithic sparse) from the same layout")]
[IsDependentOn(typeof(EfiImageTask))]
[IsDependentOn(typeof(RootfsImageTask))]
[IsDependentOn(typeof(ConfigImageTask))]
public sealed class LiveVmdkTask : LiveFormatTask
{
    public override void Run(BuildContext context) => LiveParts.Write(context, Format);
}

[TaskName("LiveGcp")]
[TaskDescription("Writes live.img.tar.gz (disk.raw in a gzipped tar, for Google Compute Engine)")]
[IsDependentOn(typeof(LiveRawTask))]
public sealed class LiveGcpTask : LiveFormatTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var raw = build.Output("Live-raw", Path.Combine(build.Dist, "live.raw"));
        build.Produced("Live-gcp", GcpImageStage.Run(context, build, raw, context.SourceDateEpoch));
    }
}

[TaskName("LiveImage")]
[TaskDescription("The live image in the formats --img-format names (default qcow2), plus SHA256SUMS, manifest.json and an SPDX SBOM (the main job)")]
[IsDependentOn(typeof(LiveRawTask))]
[IsDependentOn(typeof(LiveQcow2Task))]
[IsDependentOn(typeof(LiveVdiTask))]
[IsDependentOn(typeof(LiveVhdxTask))]
[IsDependentOn(typeof(LiveVmdkTask))]
[IsDependentOn(typeof(LiveGcpTask))]
public sealed class LiveImageTask : LiveStageTask
{
    public override void Run(BuildContext context)
    {
        var build = LiveBuild.Live(context);
        var format = context.Knobs.ImgFormats[0];
        var image = build.Output("Live-" + format, Path.Combine(build.Dist, LiveFormats.Output(format)));
        LiveImageLink.PointAt(build.Dist, image);
        ReleaseStage.Write(context, build, build.Output("RootfsTar", Path.Combine(build.Dist, RootfsTarStage.OutputName(build))));
        build.Cache.Save();
        context.Log.Information("Live image: {0}", image);
    }
}
