namespace Hyperbake.Toolchains.Processes;

/// <summary>The last lines a process printed, kept for the failure message.</summary>
public sealed class OutputTail(int capacity = 20)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string line)
    {
        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }
}
