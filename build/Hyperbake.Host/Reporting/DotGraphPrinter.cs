namespace Hyperbake.Host;

/// <summary>
/// <c>--graph=dot</c>: the task graph in Graphviz dot. An edge points from a dependency to the task
/// that needs it (the order they run in); delegating tasks are drawn dashed.
/// </summary>
internal static class DotGraphPrinter
{
    public static void Write(TaskGraph graph, TextWriter output)
    {
        output.WriteLine("digraph tasks {");
        output.WriteLine("  rankdir=LR;");
        output.WriteLine("  node [shape=box];");
        foreach (var task in graph.Tasks)
        {
            var attributes = new List<string>();
            if (!task.HasAction)
            {
                attributes.Add("style=dashed");
            }

            if (task.Description.Length > 0)
            {
                attributes.Add($"tooltip={Quote(task.Description)}");
            }

            output.WriteLine(attributes.Count == 0 ? $"  {Quote(task.Name)};" : $"  {Quote(task.Name)} [{string.Join(", ", attributes)}];");
        }

        foreach (var task in graph.Tasks)
        {
            foreach (var dependency in graph.DependenciesOf(task.Name))
            {
                output.WriteLine($"  {Quote(dependency)} -> {Quote(task.Name)};");
            }
        }

        output.WriteLine("}");
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
