namespace Hyperbake.Host;

/// <summary>
/// Registers an empty error handler: a failure is reported as Failed, but the build goes on and can
/// still exit 0.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContinueOnErrorAttribute : Attribute
{
}
