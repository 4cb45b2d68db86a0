using System.Globalization;
using Hyperbake.Model.Yaml;

namespace Hyperbake.Model.Recipes;

/// <summary>Turns a composed recipe mapping into an <see cref="ImageRecipe"/>, strictly.</summary>
public static class RecipeReader
{
    private static readonly string[] ImageKeys =
        ["name", "description", "arches", "banner", "kernel", "packages", "features", "files", "directories", "symlinks", "config", "partitions"];

    public static ImageRecipe ReadImage(YMapping m, string root)
    {
        YRead.OnlyKeys(m, "an image recipe", ImageKeys);
        var name = YRead.RequiredString(m, "name", $"{m.Mark.File}: the image recipe");
        return new ImageRecipe
        {
            Name = name,
            Description = YRead.OptionalString(m, "description") ?? "",
            Arches = YRead.StringList(m, "arches"),
            Banner = YRead.OptionalString(m, "banner") ?? "{name} {version} ({arch}) is up",
            Kernel = ReadKernel(m["kernel"] ?? throw ModelException.At(m.Mark, $"image recipe '{name}' needs a 'kernel' section (package, cmdline, initrd-modules).")),
            Packages = YRead.StringList(m, "packages").Distinct(StringComparer.Ordinal).ToList(),
            Features = YRead.StringList(m, "features"),
            Files = ReadFiles(m["files"], root, "files"),
            Directories = YRead.StringList(m, "directories"),
            Symlinks = ReadSymlinks(m["symlinks"]),
            ConfigSource = ReadConfigSource(m["config"], root),
            ConfigFiles = m["config"] is YMapping cm ? ReadFiles(cm["files"], root, "config.files") : [],
            Partitions = ReadPartitions(m["partitions"]),
            Mark = m.Mark,
        };
    }

    private static KernelSpec ReadKernel(YNode node)
    {
        var k = YRead.Mapping(node, "'kernel'");
        YRead.OnlyKeys(k, "'kernel'", "package", "cmdline", "initrd-modules");
        return new KernelSpec(
            YRead.RequiredString(k, "package", $"{k.Mark}: 'kernel'"),
            YRead.OptionalString(k, "cmdline") ?? "console=ttyS0,115200",
            YRead.StringList(k, "initrd-modules"),
            k.Mark);
    }

    private static List<RecipeFile> ReadFiles(YNode? node, string root, string key)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YSequence seq)
        {
            throw ModelException.At(node.Mark, $"'{key}' must be a list of entries with 'path' and 'source' or 'content'.");
        }

        var files = new List<RecipeFile>();
        foreach (var item in seq.Items)
        {
            var f = YRead.Mapping(item, $"an entry of '{key}'");
            YRead.OnlyKeys(f, $"an entry of '{key}'", "path", "source", "content", "mode", "template");
            var path = YRead.RequiredString(f, "path", $"{f.Mark}: an entry of '{key}'");
            var source = YRead.OptionalString(f, "source");
            var content = YRead.OptionalString(f, "content");
            if ((source is null) == (content is null))
            {
                throw ModelException.At(f.Mark, $"file '{path}' needs exactly one of 'source' (a file next to the recipe) or 'content' (inline text).");
            }

            string? resolved = null;
            if (source is not null)
            {
                var declaredIn = Path.GetDirectoryName(Path.Combine(root, f["source"]!.Mark.File)) ?? root;
                resolved = Path.GetFullPath(Path.Combine(declaredIn, source));
                if (!File.Exists(resolved))
                {
                    throw ModelException.At(f["source"]!.Mark, $"file '{source}' for '{path}' does not exist (looked for {Path.GetRelativePath(root, resolved)}).");
                }
            }

            var modeText = YRead.OptionalString(f, "mode") ?? "0644";
            int mode;
            try
            {
                mode = System.Convert.ToInt32(modeText, 8);
            }
            catch (FormatException)
            {
                throw ModelException.At(f["mode"]!.Mark, $"mode '{modeText}' of '{path}' is not an octal number such as 0644 or 0755.");
            }

            if (mode is < 0 or > 0xFFF)
            {
                throw ModelException.At(f["mode"]!.Mark, $"mode '{modeText}' of '{path}' is out of range (0000 to 7777).");
            }

            files.Add(new RecipeFile(path, resolved, content, mode, YRead.OptionalBool(f, "template", false), f.Mark));
        }

        return files;
    }

    private static Dictionary<string, string> ReadSymlinks(YNode? node)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return links;
        }

        foreach (var e in YRead.Mapping(node, "'symlinks'").Entries)
        {
            links[e.Key] = e.Value is YScalar s ? s.Value : throw ModelException.At(e.Value.Mark, $"symlink '{e.Key}' needs a target path.");
        }

        return links;
    }

    private static string? ReadConfigSource(YNode? node, string root)
    {
        if (node is null)
        {
            return null;
        }

        var m = YRead.Mapping(node, "'config'");
        YRead.OnlyKeys(m, "'config'", "source", "files");
        var source = YRead.OptionalString(m, "source");
        if (source is null)
        {
            return null;
        }

        var declaredIn = Path.GetDirectoryName(Path.Combine(root, m["source"]!.Mark.File)) ?? root;
        var dir = Path.GetFullPath(Path.Combine(declaredIn, source));
        return Directory.Exists(dir)
            ? dir
            : throw ModelException.At(m["source"]!.Mark, $"config folder '{source}' does not exist (looked for {Path.GetRelativePath(root, dir)}).");
    }

    private static PartitionSizes ReadPartitions(YNode? node)
    {
        var d = PartitionSizes.Default;
        if (node is null)
        {
            return d;
        }

        var m = YRead.Mapping(node, "'partitions'");
        YRead.OnlyKeys(m, "'partitions'", "efi", "imga", "imgb", "config", "disk");
        long Get(string key, long fallback) => m[key] switch
        {
            null => fallback,
            YScalar s => YRead.Size(s, key),
            var other => throw ModelException.At(other.Mark, $"'{key}' must be a size, not {other.Describe()}."),
        };
        var sizes = new PartitionSizes(Get("efi", d.Efi), Get("imga", d.ImgA), Get("imgb", d.ImgB), Get("config", d.Config), Get("disk", d.Disk));
        var needed = sizes.Efi + sizes.ImgA + sizes.ImgB + sizes.Config + 2 * PartitionSizes.MiB;
        if (sizes.Disk < needed)
        {
            throw ModelException.At(m.Mark, string.Create(CultureInfo.InvariantCulture,
                $"the partitions need {needed / PartitionSizes.MiB} MiB but 'disk' is {sizes.Disk / PartitionSizes.MiB} MiB; raise 'disk' or shrink a partition."));
        }

        return sizes;
    }
}
