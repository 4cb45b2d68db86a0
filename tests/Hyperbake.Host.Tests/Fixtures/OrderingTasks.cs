using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

// A small build: Pack needs Test and Clean; Test needs Build; Build needs Clean and Restore;
// Lint declares itself a dependency of Build; Default only groups Pack.
[TaskName("Clean")]
[TaskDescription("Removes outputs")]
public sealed class CleanTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Restore")]
public sealed class RestoreTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Build")]
[TaskDescription("Compiles everything")]
[IsDependentOn(typeof(CleanTask))]
[IsDependentOn(typeof(RestoreTask))]
public sealed class BuildTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Lint")]
[IsDependeeOf(typeof(BuildTask))]
public sealed class LintTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Test")]
[TaskDescription("Runs the tests")]
[IsDependentOn(typeof(BuildTask))]
public sealed class TestTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Pack")]
[IsDependentOn(typeof(TestTask))]
[IsDependentOn(typeof(CleanTask))]
public sealed class PackTask(Recorder recorder) : RecordingTask(recorder);

[TaskName("Default")]
[TaskDescription("Everything")]
[IsDependentOn(typeof(PackTask))]
public sealed class DefaultTask : FrostingTask;

[TaskName("Docs")]
[TaskDescription("Writes the documentation")]
public sealed class DocsTask(Recorder recorder) : RecordingTask(recorder);

/// <summary>No [TaskName]: named after the class, as written.</summary>
public sealed class UnnamedTask(Recorder recorder) : RecordingTask(recorder);
