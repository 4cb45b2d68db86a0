namespace Hyperbake.Host;

/// <summary>The task runs after <see cref="Task"/>. Several dependencies run in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}
