using System.Reflection;
using System.Runtime.CompilerServices;
using Build.Stages.Live;
using Hyperbake.Host;

namespace Build.Tasks.Live;

/// <summary>
/// Which live disk formats a run writes. <c>LiveImage</c> writes the ones <c>--img-format</c>
/// names (EVE's IMG_FORMAT, default qcow2: EVE's <c>make live</c> keeps only live.qcow2), so the
/// inner loop does not stream and hash six gigabyte-sized disks. Three more reasons add a format:
/// a target depends on it by name (BootTest boots live.raw and live.qcow2, LiveVdi is live.vdi);
/// its file is already in this dist/ folder (kept up to date, never left stale beside newer parts);
/// and live.img.tar.gz is made from live.raw.
/// </summary>
internal static class LiveFormats
{
    /// <summary>Each format with its task and its file in dist/.</summary>
    public static readonly IReadOnlyList<(string Format, Type Task, string Output)> All =
    [
        ("qcow2", typeof(LiveQcow2Task), "live.qcow2"),
        ("raw", typeof(LiveRawTask), "live.raw"),
        ("vdi", typeof(LiveVdiTask), "live.vdi"),
        ("vhdx", typeof(LiveVhdxTask), "live.vhdx"),
        ("vmdk", typeof(LiveVmdkTask), "live.vmdk"),
        ("gcp", typeof(LiveGcpTask), GcpImageStage.Output),
    ];

    private static readonly ConditionalWeakTable<BuildContext, IReadOnlySet<string>> Chosen = new();

    /// <summary>The formats of this run; decided once, before the first format task runs.</summary>
    public static IReadOnlySet<string> Wanted(BuildContext context) => Chosen.GetValue(context, Choose);

    public static string Output(string format) => All.Single(f => f.Format == format).Output;

    public static string Of(Type task) => All.Single(f => f.Task == task).Format;

    private static IReadOnlySet<string> Choose(BuildContext context)
    {
        var wanted = new HashSet<string>(context.Knobs.ImgFormats, StringComparer.Ordinal);
        var tasks = TasksByName();
        foreach (var target in context.Arguments.GetArguments("target"))
        {
            if (tasks.TryGetValue(target, out var type))
            {
                NamedBy(type, wanted, []);
            }
        }

        var dist = context.DistDirectory;
        wanted.UnionWith(All.Where(f => File.Exists(Path.Combine(dist, f.Output))).Select(f => f.Format));
        if (wanted.Contains("gcp"))
        {
            wanted.Add("raw");
        }

        return wanted;
    }

    /// <summary>The formats a task reaches through its dependencies, except through LiveImage (that is the knob's choice).</summary>
    private static void NamedBy(Type task, HashSet<string> wanted, HashSet<Type> seen)
    {
        if (task == typeof(LiveImageTask) || !seen.Add(task))
        {
            return;
        }

        if (typeof(LiveFormatTask).IsAssignableFrom(task))
        {
            wanted.Add(Of(task));
        }

        foreach (var dependency in task.GetCustomAttributes<IsDependentOnAttribute>())
        {
            NamedBy(dependency.Task, wanted, seen);
        }
    }

    private static Dictionary<string, Type> TasksByName() =>
        typeof(LiveFormats).Assembly.GetTypes()
            .Where(t => typeof(IFrostingTask).IsAssignableFrom(t) && !t.IsAbstract)
            .ToDictionary(t => t.GetCustomAttribute<TaskNameAttribute>()?.Name ?? t.Name, StringComparer.OrdinalIgnoreCase);
}
