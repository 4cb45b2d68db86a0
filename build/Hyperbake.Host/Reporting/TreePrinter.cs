namespace Hyperbake.Host;

/// <summary>
/// <c>--tree</c>: every top-level task (one nothing depends on), <c>Default</c> first and the rest
/// alphabetically, each followed by its dependencies drawn with <c>├─</c>, <c>└─</c> and <c>│ </c>.
/// Roots are cyan, tasks with actions green, delegating tasks gray.
/// </summary>
internal static class TreePrinter
{
    private const string Cross = "├─";
    private const string Corner = "└─";
    private const string Vertical = "│ ";

    public static void Write(TaskGraph graph, TextWriter output, bool colours)
    {
        var roots = graph.Tasks
            .Where(t => graph.IsTopLevel(t.Name))
            .OrderByDescending(t => t.Name.Equals("Default", StringComparison.OrdinalIgnoreCase))
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase);
        output.WriteLine();
        foreach (var root in roots)
        {
            WriteTask(graph, root, string.Empty, isLast: false, depth: 0, output, colours);
            output.WriteLine();
        }
    }

    private static void WriteTask(TaskGraph graph, TaskDefinition task, string indent, bool isLast, int depth, TextWriter output, bool colours)
    {
        output.Write(indent);
        if (isLast)
        {
            output.Write(Corner);
            indent += "   ";
        }
        else if (depth > 0)
        {
            output.Write(Cross);
            indent += Vertical;
        }

        var colour = depth == 0 ? Ansi.Cyan : task.HasAction ? Ansi.Green : Ansi.Gray;
        output.WriteLine(Ansi.Paint(colours, colour, task.Name));
        var children = graph.DependenciesOf(task.Name);
        for (var i = 0; i < children.Count; i++)
        {
            WriteTask(graph, graph.Get(children[i]), indent, i == children.Count - 1, depth + 1, output, colours);
        }
    }
}
