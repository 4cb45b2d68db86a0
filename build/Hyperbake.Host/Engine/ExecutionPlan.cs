namespace Hyperbake.Host;

/// <summary>One scheduled task: what it waits for and whether it was asked for by name.</summary>
internal sealed record PlanItem(TaskDefinition Task, IReadOnlyList<string> WaitsFor, bool IsTarget);

/// <summary>
/// The tasks of a run in a valid sequential order: each target's dependency traversal in target
/// order, a task that an earlier target already scheduled not being scheduled again.
/// </summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<string> targets, IReadOnlyList<PlanItem> items, TaskDefinition firstTarget)
    {
        Targets = targets;
        Items = items;
        FirstTarget = firstTarget;
    }

    public IReadOnlyList<string> Targets { get; }

    public IReadOnlyList<PlanItem> Items { get; }

    public TaskDefinition FirstTarget { get; }

    public static ExecutionPlan Create(TaskGraph graph, IReadOnlyList<string> targets, bool exclusive)
    {
        if (targets.Count == 0)
        {
            throw new ArgumentException("No target specified.", nameof(targets));
        }

        var missing = targets.Where(t => !graph.Exists(t)).ToArray();
        if (missing.Length == 1)
        {
            throw new CakeException($"The target '{missing[0]}' was not found.");
        }

        if (missing.Length > 1)
        {
            throw new CakeException($"The targets {string.Join(", ", missing.Select(m => $"'{m}'"))} were not found.");
        }

        var targetSet = new HashSet<string>(targets, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<PlanItem>();
        foreach (var target in targets)
        {
            IReadOnlyList<TaskDefinition> tasks = exclusive ? [graph.Get(target)] : graph.Traverse(target);
            foreach (var task in tasks)
            {
                if (seen.Add(task.Name))
                {
                    IReadOnlyList<string> waitsFor = exclusive ? [] : graph.DependenciesOf(task.Name);
                    items.Add(new PlanItem(task, waitsFor, targetSet.Contains(task.Name)));
                }
            }
        }

        return new ExecutionPlan(targets, items, graph.Get(targets[0]));
    }
}
