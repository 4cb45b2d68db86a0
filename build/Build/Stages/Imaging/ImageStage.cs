using Hyperbake.Host;
using Hyperbake.Imaging.Disks;

namespace Build.Stages.Imaging;

/// <summary>
/// The Image target: a partitioned disk from a YAML layout, its filesystems built in-process and
/// streamed into their partitions, written as raw, qcow2, VHDX, VDI or VMDK. With --plan it only
/// prints the computed layout and the size (EVE's -C).
/// </summary>
public static class ImageStage
{
    /// <summary>What the target was asked: --layout, --out, --format, --plan.</summary>
    public sealed record Request(string Layout, string LayoutText, string? Output, DiskFormat Format, bool PlanOnly, long SourceDateEpoch);

    public static Request Parse(CommandLineValues values, long sourceDateEpoch)
    {
        var layoutText = values.Required("layout", "disk.yaml");
        var planOnly = values.Flag("plan");
        var outText = planOnly ? values.Text("out") : values.Required("out", "disk.img");
        string? output = null;
        if (outText is not null)
        {
            output = AtomicFile.PrepareOutput("out", outText, CallerDirectory.Resolve(outText, values.BaseDirectory), OptionSpelling.CommandLine);
        }

        var format = DiskFormats.Choose(values.Text("format"), output ?? "");
        return new Request(CallerDirectory.Resolve(layoutText, values.BaseDirectory), layoutText, output, format, planOnly, sourceDateEpoch);
    }

    /// <summary>Plans the disk and, unless only planning, writes it; returns the plan.</summary>
    public static DiskPlan Run(ICakeContext context, Request request)
    {
        if (!request.PlanOnly && request.Output is { } output)
        {
            return AtomicFile.InOutputFolder(output, () => Build(context, request, Path.GetDirectoryName(output)));
        }

        return Build(context, request, temporaryDirectory: null);
    }

    private static DiskPlan Build(ICakeContext context, Request request, string? temporaryDirectory)
    {
        using var layout = LayoutReader.Read(request.Layout, request.LayoutText, request.SourceDateEpoch, temporaryDirectory);
        var plan = layout.Plan();
        var table = layout.Describe(plan);
        if (request.PlanOnly)
        {
            context.Log.Information("{0}", table.TrimEnd());
            context.Log.Information("Total size: {0}", ByteSize.Describe(plan.TotalSize));
            return plan;
        }

        context.Log.Verbose("{0}", table.TrimEnd());
        var output = request.Output!;
        DiskWriter.Write(plan, output, request.Format, new DiskWriteOptions { TemporaryDirectory = temporaryDirectory });
        context.Log.Information("Wrote {0}: {1} disk of {2} ({3})", output, plan.TableType.ToString().ToUpperInvariant(), ByteSize.Describe(plan.TotalSize), DiskFormats.Name(request.Format));
        return plan;
    }
}
