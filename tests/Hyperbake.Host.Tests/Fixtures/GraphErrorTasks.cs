using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

[TaskName("Self")]
[IsDependentOn(typeof(SelfTask))]
public sealed class SelfTask : FrostingTask;

[TaskName("P")]
[IsDependentOn(typeof(QTask))]
public sealed class PTask : FrostingTask;

[TaskName("Q")]
[IsDependentOn(typeof(PTask))]
public sealed class QTask : FrostingTask;

[TaskName("Cycle1")]
[IsDependentOn(typeof(Cycle3Task))]
public sealed class Cycle1Task : FrostingTask;

[TaskName("Cycle2")]
[IsDependentOn(typeof(Cycle1Task))]
public sealed class Cycle2Task : FrostingTask;

[TaskName("Cycle3")]
[IsDependentOn(typeof(Cycle2Task))]
public sealed class Cycle3Task : FrostingTask;

[TaskName("NeverRegistered")]
public sealed class NeverRegisteredTask : FrostingTask;

[TaskName("Orphan")]
[IsDependentOn(typeof(NeverRegisteredTask))]
public sealed class OrphanTask : FrostingTask;

[TaskName("NotATask")]
[IsDependentOn(typeof(string))]
public sealed class NotATaskDependencyTask : FrostingTask;

[TaskName("clean")]
public sealed class DuplicateCleanTask : FrostingTask;

/// <summary>Needs a context type the host does not have.</summary>
[TaskName("Special")]
public sealed class SpecialContextTask : FrostingTask<SpecialContext>;

public sealed class SpecialContext(ICakeContext context) : FrostingContext(context);
