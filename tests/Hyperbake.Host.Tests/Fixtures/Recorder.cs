namespace Hyperbake.Host.Tests.Fixtures;

/// <summary>What the fixture tasks and lifetimes did, in order; also the switches that make them fail.</summary>
public sealed class Recorder
{
    private readonly object _lock = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    public bool ThrowInSetup { get; set; }

    public bool ThrowInTeardown { get; set; }

    public bool ThrowInTaskTeardown { get; set; }

    /// <summary>Signals for tasks that must overlap in time.</summary>
    public TaskCompletionSource LeftStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource RightStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(string entry)
    {
        lock (_lock)
        {
            _events.Add(entry);
        }
    }

    /// <summary>The task names of the "run:" events, in order.</summary>
    public IReadOnlyList<string> Runs => Events.Where(e => e.StartsWith("run:", StringComparison.Ordinal)).Select(e => e[4..]).ToList();
}
