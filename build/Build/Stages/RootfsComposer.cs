using Hyperbake.Imaging.Trees;
using Hyperbake.Model.Recipes;

namespace Build.Stages;

/// <summary>
/// Composes the root filesystem as a FileTree, never as files on disk, so ownership (root),
/// modes and device nodes are right without root (linuxkit's idea): the packages' contents in
/// order, then the recipe's directories, symlinks and files, templates rendered.
/// </summary>
public static class RootfsComposer
{
    public static FileTree Compose(ImageRecipe recipe, IEnumerable<FileTree> packages, TemplateValues values, long sourceDateEpoch)
    {
        var tree = new FileTree(sourceDateEpoch);
        foreach (var package in packages)
        {
            tree.Overlay(package);
        }

        foreach (var dir in recipe.Directories)
        {
            if (tree.Find(dir) is null)
            {
                tree.AddDirectory(dir);
            }
        }

        foreach (var (path, target) in recipe.Symlinks.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            tree.AddSymlink(path, target);
        }

        foreach (var file in recipe.Files)
        {
            tree.AddFile(file.Path, Content(file, values), file.Mode);
        }

        // Nothing may carry a time later than SOURCE_DATE_EPOCH (reproducible-builds.org's clamping).
        foreach (var entry in tree.Walk())
        {
            if (entry.Node.ModificationTime > sourceDateEpoch)
            {
                entry.Node.ModificationTime = sourceDateEpoch;
            }
        }

        return tree;
    }

    public static IContentSource Content(RecipeFile file, TemplateValues values)
    {
        if (file.Content is not null)
        {
            return BytesContent.FromText(file.Template ? values.Render(file.Content) : file.Content);
        }

        return file.Template
            ? BytesContent.FromText(values.Render(File.ReadAllText(file.SourcePath!)))
            : new HostFileContent(file.SourcePath!);
    }
}
