namespace Hyperbake.Host;

/// <summary>
/// A task the host discovers. Derive from <see cref="FrostingTask{T}"/> or
/// <see cref="AsyncFrostingTask{T}"/>; the engine wires a hook only when the derived class overrides it.
/// </summary>
public interface IFrostingTask
{
    /// <summary>The criteria message used when <see cref="ShouldRun"/> returns false.</summary>
    string SkippedMessage => string.Empty;

    Task RunAsync(ICakeContext context);

    bool ShouldRun(ICakeContext context);

    void OnError(Exception exception, ICakeContext context);

    void Finally(ICakeContext context);
}
