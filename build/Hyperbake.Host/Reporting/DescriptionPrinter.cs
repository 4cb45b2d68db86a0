using System.Globalization;

namespace Hyperbake.Host;

/// <summary><c>--description</c>: a Task/Description table of every task, under a rule of <c>=</c> as wide as the name column plus 50.</summary>
internal static class DescriptionPrinter
{
    private const int TaskColumnMinWidth = 29;

    public static void Write(IReadOnlyList<TaskDefinition> tasks, TextWriter output, bool colours)
    {
        var width = Math.Max(TaskColumnMinWidth, tasks.Select(t => t.Name.Length).DefaultIfEmpty(0).Max()) + 1;
        string Row(string name, string description) =>
            string.Format(CultureInfo.InvariantCulture, "{0,-" + width + "}{1,-20}", name, description).TrimEnd();

        output.WriteLine();
        output.WriteLine(Ansi.Paint(colours, Ansi.Green, Row("Task", "Description")));
        output.WriteLine(new string('=', width + 50));
        foreach (var task in tasks)
        {
            output.WriteLine(Row(task.Name, task.Description));
        }
    }
}
