using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

[TaskName("Skipped")]
public sealed class SkippedTask(Recorder recorder) : RecordingTask(recorder)
{
    public override string SkippedMessage => "not on this machine";

    public override bool ShouldRun(ICakeContext context) => false;
}

[TaskName("SkippedQuietly")]
public sealed class SkippedQuietlyTask(Recorder recorder) : RecordingTask(recorder)
{
    public override bool ShouldRun(ICakeContext context) => false;
}

[TaskName("AfterSkipped")]
[IsDependentOn(typeof(SkippedTask))]
public sealed class AfterSkippedTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Fails")]
public sealed class FailsTask(Recorder recorder) : RecordingTask(recorder)
{
    public override void Run(ICakeContext context)
    {
        Recorder.Add("run:Fails");
        throw new InvalidOperationException("boom", new ArgumentException("the inner reason"));
    }

    public override void Finally(ICakeContext context) => Recorder.Add("finally:Fails");
}

[TaskName("AfterFails")]
[IsDependentOn(typeof(FailsTask))]
public sealed class AfterFailsTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Handled")]
public sealed class HandledTask(Recorder recorder) : RecordingTask(recorder)
{
    public override void Run(ICakeContext context)
    {
        Recorder.Add("run:Handled");
        throw new InvalidOperationException("handled boom");
    }

    public override void OnError(Exception exception, ICakeContext context) => Recorder.Add("onerror:" + exception.Message);

    public override void Finally(ICakeContext context) => Recorder.Add("finally:Handled");
}

[TaskName("AfterHandled")]
[IsDependentOn(typeof(HandledTask))]
public sealed class AfterHandledTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Rethrows")]
public sealed class RethrowsTask(Recorder recorder) : RecordingTask(recorder)
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("first");

    public override void OnError(Exception exception, ICakeContext context) => throw new InvalidOperationException("from the handler");

    public override void Finally(ICakeContext context) => Recorder.Add("finally:Rethrows");
}

[TaskName("Continues")]
[ContinueOnError]
public sealed class ContinuesTask(Recorder recorder) : RecordingTask(recorder)
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("ignored");
}

[TaskName("AfterContinues")]
[IsDependentOn(typeof(ContinuesTask))]
public sealed class AfterContinuesTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Cached")]
public sealed class CachedTask : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        context.Log.Information("restoring from the cache");
        context.ReportCached("inputs unchanged");
    }
}

[TaskName("Chatty")]
public sealed class ChattyTask : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        context.Log.Error("an error line");
        context.Log.Warning("a warning line");
        context.Log.Information("an information line");
        context.Log.Verbose("a verbose line");
        context.Log.Debug("a debug line");
    }
}

[TaskName("Arguments")]
public sealed class ArgumentsTask(Recorder recorder) : FrostingTask
{
    public override void Run(ICakeContext context)
    {
        foreach (var (key, values) in context.Arguments.GetArguments().OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            recorder.Add($"arg:{key}={string.Join("|", values)}");
        }

        recorder.Add("config:" + (context.Configuration.GetValue("Section_Key") ?? "<null>"));
    }
}

[TaskName("Async")]
public sealed class AsyncTask(Recorder recorder) : AsyncFrostingTask
{
    public override async Task RunAsync(ICakeContext context)
    {
        await Task.Yield();
        recorder.Add("run:Async");
    }
}
