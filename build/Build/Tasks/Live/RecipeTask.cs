using Build.Stages.Live;
using Hyperbake.Cache;
using Hyperbake.Host;

namespace Build.Tasks.Live;

/// <summary>
/// Composes the image recipe (layers, appends, modifiers, features) and writes the effective recipe
/// for inspection. The installer's recipe is composed by the installer tasks, in runs that build it.
/// </summary>
[TaskName("Recipe")]
[TaskDescription("Composes the image recipe and writes it to dist/<arch>/<version>/effective/")]
public sealed class RecipeTask : LiveStageTask
{
    public override void Run(BuildContext context) => WriteEffective(context, LiveBuild.Live(context));

    /// <summary>Writes <c>effective/&lt;recipe&gt;.yaml</c> when it is not there with this text already.</summary>
    public static void WriteEffective(BuildContext context, LiveBuild build)
    {
        var path = Path.Combine(context.DistDirectory, "effective", build.RecipeName + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = build.EffectiveRecipeText;
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            AtomicFile.WriteAllText(path, text);
        }

        context.Log.Verbose("Effective recipe: {0}", path);
    }
}
