using System.Reflection;

namespace Hyperbake.Host;

/// <summary>
/// A task as the engine sees it, read from its type without creating it: name, description, edges,
/// and which hooks the type overrides (only those are wired).
/// </summary>
internal sealed class TaskDefinition : ICakeTaskInfo
{
    private readonly List<string> _dependencies = [];
    private readonly List<string> _dependees = [];

    private TaskDefinition(Type type, string name)
    {
        Type = type;
        Name = name;
    }

    public Type Type { get; }

    public string Name { get; }

    public string Description { get; private init; } = string.Empty;

    public IReadOnlyList<string> Dependencies => _dependencies;

    public IReadOnlyList<string> Dependees => _dependees;

    /// <summary>The context type the task's <c>T</c> asks for.</summary>
    public Type ContextType { get; private init; } = typeof(ICakeContext);

    /// <summary>False for a "delegating" task: one that only groups its dependencies.</summary>
    public bool HasAction { get; private init; }

    public bool HasCriteria { get; private init; }

    public bool HasErrorHandler { get; private init; }

    public bool HasFinally { get; private init; }

    public static string GetTaskName(Type type) =>
        type.GetCustomAttribute<TaskNameAttribute>()?.Name ?? type.Name;

    public static bool IsTaskType(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IFrostingTask).IsAssignableFrom(type);

    public static TaskDefinition FromType(Type type)
    {
        var taskBase = FindFrostingBase(type);
        var continueOnError = type.GetCustomAttribute<ContinueOnErrorAttribute>() is not null;
        var direct = taskBase is null;
        var definition = new TaskDefinition(type, GetTaskName(type))
        {
            Description = type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? string.Empty,
            ContextType = taskBase?.GetGenericArguments()[0] ?? typeof(ICakeContext),
            HasAction = direct || IsOverridden(type, "Run") || IsOverridden(type, "RunAsync"),
            HasCriteria = direct || IsOverridden(type, "ShouldRun"),
            HasErrorHandler = continueOnError || IsOverridden(type, "OnError"),
            HasFinally = direct || IsOverridden(type, "Finally"),
        };

        foreach (var attribute in type.GetCustomAttributes<IsDependentOnAttribute>())
        {
            if (!IsTaskType(attribute.Task))
            {
                throw new FrostingException($"The dependency '{attribute.Task.FullName}' is not a valid task.");
            }

            definition._dependencies.Add(GetTaskName(attribute.Task));
        }

        foreach (var attribute in type.GetCustomAttributes<IsDependeeOfAttribute>())
        {
            if (!IsTaskType(attribute.Task))
            {
                throw new FrostingException($"The dependee '{attribute.Task.FullName}' is not a valid task.");
            }

            definition._dependees.Add(GetTaskName(attribute.Task));
        }

        return definition;
    }

    private static Type? FindFrostingBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(FrostingTask<>) || t.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>)))
            {
                return t;
            }
        }

        return null;
    }

    // An override is a public instance method whose base definition lives in a Frosting base class.
    private static bool IsOverridden(Type type, string name)
    {
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.Name != name)
            {
                continue;
            }

            var declaring = method.GetBaseDefinition().DeclaringType;
            if (method.DeclaringType != declaring && declaring is { IsGenericType: true }
                && (declaring.GetGenericTypeDefinition() == typeof(FrostingTask<>) || declaring.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>)))
            {
                return true;
            }
        }

        return false;
    }
}
