namespace Hyperbake.Host;

/// <summary>Names a task; without it the task is named after its class, exactly as written.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
