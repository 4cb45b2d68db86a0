using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

/// <summary>A task that records "run:&lt;name&gt;" and logs one line.</summary>
public abstract class RecordingTask(Recorder recorder) : FrostingTask<ICakeContext>
{
    protected Recorder Recorder { get; } = recorder;

    public override void Run(ICakeContext context)
    {
        var name = TaskDefinitionName;
        Recorder.Add("run:" + name);
        context.Log.Information("{0} ran", name);
    }

    private string TaskDefinitionName =>
        ((TaskNameAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(TaskNameAttribute)))?.Name ?? GetType().Name;
}
