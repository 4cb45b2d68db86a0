using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

public sealed class RecordingLifetime(Recorder recorder) : FrostingLifetime<ICakeContext>
{
    public override void Setup(ICakeContext context, ISetupContext info)
    {
        recorder.Add($"setup:{info.TargetTask.Name}:{string.Join(",", info.TasksToExecute.Select(t => t.Name))}");
        if (recorder.ThrowInSetup)
        {
            throw new InvalidOperationException("setup failed");
        }
    }

    public override void Teardown(ICakeContext context, ITeardownContext info)
    {
        recorder.Add($"teardown:{info.Successful}:{info.ThrownException?.Message}");
        if (recorder.ThrowInTeardown)
        {
            throw new InvalidOperationException("teardown failed");
        }
    }
}

public sealed class RecordingTaskLifetime(Recorder recorder) : FrostingTaskLifetime<ICakeContext>
{
    public override void Setup(ICakeContext context, ITaskSetupContext info) => recorder.Add($"tasksetup:{info.Task.Name}");

    public override void Teardown(ICakeContext context, ITaskTeardownContext info)
    {
        recorder.Add($"taskteardown:{info.Task.Name}:skipped={info.Skipped}:ok={info.Successful}");
        if (recorder.ThrowInTaskTeardown)
        {
            throw new InvalidOperationException("task teardown failed");
        }
    }
}
