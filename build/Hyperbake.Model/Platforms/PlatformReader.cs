using Hyperbake.Model.Knobs;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hyperbake.Model.Platforms;

/// <summary>
/// Reads one platform file strictly: a mapping with <c>name</c>, <c>description</c>, <c>arches</c> and
/// <c>hypervisors</c> and nothing else. Every error names the file and the line.
/// </summary>
public static class PlatformReader
{
    private static readonly string[] s_keys = ["name", "description", "arches", "hypervisors"];

    /// <param name="text">The YAML.</param>
    /// <param name="sourcePath">The file as it should appear in messages (relative to the repository).</param>
    /// <param name="layer">The layer the file belongs to.</param>
    public static PlatformDefinition Read(string text, string sourcePath, string layer)
    {
        var parser = new MarkTrackingParser(new Parser(new StringReader(text)));
        try
        {
            return Parse(parser, sourcePath, layer);
        }
        catch (YamlException ex)
        {
            throw new PlatformException($"{sourcePath}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner reports some malformed flow collections this way, without a position.
            throw new PlatformException($"{sourcePath}:{parser.LastMark.Line}: the YAML is malformed after this line; check brackets and indentation.", ex);
        }
    }

    private static PlatformDefinition Parse(IParser parser, string sourcePath, string layer)
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            throw new PlatformException($"{sourcePath}: the file is empty; a platform needs name, arches and hypervisors.");
        }

        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out var start))
        {
            var mark = parser.Current?.Start ?? Mark.Empty;
            throw new PlatformException($"{sourcePath}:{mark.Line}: a platform must be a mapping of name, description, arches and hypervisors.");
        }

        string? name = null;
        var description = string.Empty;
        IReadOnlyList<string>? arches = null;
        IReadOnlyList<string>? hypervisors = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            if (!seen.Add(key.Value))
            {
                throw new PlatformException($"{sourcePath}:{key.Start.Line}: the key '{key.Value}' appears twice.");
            }

            switch (key.Value)
            {
                case "name":
                    name = ReadScalar(parser, sourcePath, key.Value);
                    break;
                case "description":
                    description = ReadScalar(parser, sourcePath, key.Value);
                    break;
                case "arches":
                    arches = ReadList(parser, sourcePath, key.Value, KnobValues.Arches, "arch");
                    break;
                case "hypervisors":
                    hypervisors = ReadList(parser, sourcePath, key.Value, KnobValues.Hypervisors, "hypervisor");
                    break;
                default:
                    throw new PlatformException($"{sourcePath}:{key.Start.Line}: unknown key '{key.Value}' in a platform; the keys are {string.Join(", ", s_keys)}.");
            }
        }

        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
        {
            throw new PlatformException($"{sourcePath}:{parser.Current?.Start.Line}: a platform file holds one document only.");
        }

        var fileName = Path.GetFileNameWithoutExtension(sourcePath);
        if (name is null)
        {
            throw new PlatformException($"{sourcePath}:{start.Start.Line}: the platform has no 'name'; add name: {fileName}.");
        }

        if (name != fileName)
        {
            throw new PlatformException($"{sourcePath}: the platform is named '{name}' but the file is '{Path.GetFileName(sourcePath)}'; name the file {name}.yaml or the platform {fileName}.");
        }

        if (arches is null || arches.Count == 0)
        {
            throw new PlatformException($"{sourcePath}: the platform '{name}' lists no 'arches'; add for example arches: [{KnobValues.Arches[0]}].");
        }

        if (hypervisors is null || hypervisors.Count == 0)
        {
            throw new PlatformException($"{sourcePath}: the platform '{name}' lists no 'hypervisors'; add for example hypervisors: [{KnobValues.Hypervisors[0]}].");
        }

        return new PlatformDefinition(name, description, arches, hypervisors, layer, sourcePath);
    }

    private static string ReadScalar(IParser parser, string sourcePath, string key)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return scalar.Value;
        }

        throw new PlatformException($"{sourcePath}:{parser.Current?.Start.Line}: '{key}' must be a single value.");
    }

    private static List<string> ReadList(IParser parser, string sourcePath, string key, IReadOnlyList<string> allowed, string what)
    {
        if (!parser.TryConsume<SequenceStart>(out _))
        {
            throw new PlatformException($"{sourcePath}:{parser.Current?.Start.Line}: '{key}' must be a list, for example {key}: [{allowed[0]}].");
        }

        var result = new List<string>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var item))
            {
                throw new PlatformException($"{sourcePath}:{parser.Current?.Start.Line}: the items of '{key}' must be single values.");
            }

            if (!allowed.Contains(item.Value))
            {
                throw new PlatformException($"{sourcePath}:{item.Start.Line}: '{item.Value}' is not a known {what}; use {string.Join(", ", allowed)}.");
            }

            if (result.Contains(item.Value))
            {
                throw new PlatformException($"{sourcePath}:{item.Start.Line}: '{item.Value}' is listed twice in '{key}'.");
            }

            result.Add(item.Value);
        }

        return result;
    }
}
