namespace Hyperbake.Host;

/// <summary>The lifetime actions a run calls; any of them may be absent.</summary>
internal sealed record EngineHooks(
    IFrostingSetup? Setup,
    IFrostingTeardown? Teardown,
    IFrostingTaskSetup? TaskSetup,
    IFrostingTaskTeardown? TaskTeardown);
