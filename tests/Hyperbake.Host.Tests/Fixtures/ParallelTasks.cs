using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

// Left and Right each wait until the other has started: they only finish when they overlap.
[TaskName("Left")]
public sealed class LeftTask(Recorder recorder) : AsyncFrostingTask
{
    public override async Task RunAsync(ICakeContext context)
    {
        recorder.Add("start:Left");
        context.Log.Information("left 1");
        recorder.LeftStarted.TrySetResult();
        await recorder.RightStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        context.Log.Information("left 2");
        recorder.Add("end:Left");
    }
}

[TaskName("Right")]
public sealed class RightTask(Recorder recorder) : AsyncFrostingTask
{
    public override async Task RunAsync(ICakeContext context)
    {
        recorder.Add("start:Right");
        context.Log.Information("right 1");
        recorder.RightStarted.TrySetResult();
        await recorder.LeftStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        context.Log.Information("right 2");
        recorder.Add("end:Right");
    }
}

[TaskName("Join")]
[IsDependentOn(typeof(LeftTask))]
[IsDependentOn(typeof(RightTask))]
public sealed class JoinTask(Recorder recorder) : FrostingTask
{
    public override void Run(ICakeContext context) => recorder.Add("start:Join");
}

[TaskName("QuickFail")]
public sealed class QuickFailTask(Recorder recorder) : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        recorder.Add("start:QuickFail");
        throw new InvalidOperationException("quick failure");
    }
}

[TaskName("SlowSibling")]
public sealed class SlowSiblingTask(Recorder recorder) : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        recorder.Add("start:SlowSibling");
        Thread.Sleep(300);
        recorder.Add("end:SlowSibling");
    }
}

[TaskName("AfterQuickFail")]
[IsDependentOn(typeof(QuickFailTask))]
[IsDependentOn(typeof(SlowSiblingTask))]
public sealed class AfterQuickFailTask(Recorder recorder) : FrostingTask
{
    public override void Run(ICakeContext context) => recorder.Add("start:AfterQuickFail");
}
