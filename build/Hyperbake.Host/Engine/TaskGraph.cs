namespace Hyperbake.Host;

/// <summary>
/// The dependency graph. Names compare case-insensitively. A node's dependencies are its own
/// <see cref="IsDependentOnAttribute"/>s in declaration order, then the tasks that declared themselves
/// its dependees, in registration order. Execution order is the depth-first post-order over them.
/// </summary>
internal sealed class TaskGraph
{
    private readonly Dictionary<string, TaskDefinition> _tasks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _incoming = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Start, string End)> _edges = [];

    private TaskGraph(IReadOnlyList<TaskDefinition> tasks)
    {
        Tasks = tasks;
    }

    /// <summary>Every task in registration order.</summary>
    public IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <summary>Edges from a dependency (start) to the task that needs it (end).</summary>
    public IReadOnlyList<(string Start, string End)> Edges => _edges;

    public static TaskGraph Build(IReadOnlyList<TaskDefinition> tasks)
    {
        var graph = new TaskGraph(tasks);
        foreach (var task in tasks)
        {
            graph._tasks[task.Name] = task;
            graph._incoming[task.Name] = [];
        }

        foreach (var task in tasks)
        {
            foreach (var dependency in task.Dependencies)
            {
                if (!graph._tasks.ContainsKey(dependency))
                {
                    throw new CakeException($"Task '{task.Name}' is dependent on task '{dependency}' which does not exist.");
                }

                graph.Connect(dependency, task.Name);
            }
        }

        foreach (var task in tasks)
        {
            foreach (var dependee in task.Dependees)
            {
                if (!graph._tasks.ContainsKey(dependee))
                {
                    throw new CakeException($"Task '{task.Name}' has specified that it's a dependency for task '{dependee}' which does not exist.");
                }

                graph.Connect(task.Name, dependee);
            }
        }

        foreach (var task in tasks)
        {
            graph.Traverse(task.Name);
        }

        return graph;
    }

    public bool Exists(string name) => _tasks.ContainsKey(name);

    public TaskDefinition Get(string name) => _tasks[name];

    /// <summary>The tasks <paramref name="name"/> waits for, in order.</summary>
    public IReadOnlyList<string> DependenciesOf(string name) => _incoming[name];

    /// <summary>True when no task depends on <paramref name="name"/> (a top-level task).</summary>
    public bool IsTopLevel(string name) => !_edges.Any(e => e.Start.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The target and everything it needs, dependencies first.</summary>
    public IReadOnlyList<TaskDefinition> Traverse(string target)
    {
        var result = new List<TaskDefinition>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Visit(target, result, visited, done);
        return result;
    }

    private void Visit(string node, List<TaskDefinition> result, HashSet<string> visited, HashSet<string> done)
    {
        if (!visited.Add(node))
        {
            if (!done.Contains(node))
            {
                throw new CakeException("Graph contains circular references.");
            }

            return;
        }

        foreach (var dependency in _incoming[node])
        {
            Visit(dependency, result, visited, done);
        }

        done.Add(node);
        result.Add(_tasks[node]);
    }

    private void Connect(string start, string end)
    {
        if (start.Equals(end, StringComparison.OrdinalIgnoreCase))
        {
            throw new CakeException("Reflexive edges in graph are not allowed.");
        }

        if (_edges.Any(e => e.Start.Equals(end, StringComparison.OrdinalIgnoreCase) && e.End.Equals(start, StringComparison.OrdinalIgnoreCase)))
        {
            throw new CakeException($"Unidirectional edges in graph are not allowed.{Environment.NewLine}\"{start}\" and \"{end}\" cannot depend on each other.");
        }

        if (_edges.Any(e => e.Start.Equals(start, StringComparison.OrdinalIgnoreCase) && e.End.Equals(end, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        _edges.Add((start, end));
        _incoming[end].Add(_tasks[start].Name);
    }
}
