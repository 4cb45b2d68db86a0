using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hyperbake.Model.Yaml;

/// <summary>Reads a YAML file into <see cref="YNode"/>s with file and line marks.</summary>
public static class YamlLoader
{
    public static YNode Load(string path, string? displayPath = null)
    {
        var shown = displayPath ?? path;
        if (!File.Exists(path))
        {
            throw new ModelException($"{shown}: file not found.");
        }

        return Parse(File.ReadAllText(path), shown);
    }

    public static YNode Parse(string text, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ModelException($"{displayPath}:{e.Start.Line}: invalid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return new YMapping([], new SourceMark(displayPath, 1));
        }

        if (stream.Documents.Count > 1)
        {
            throw new ModelException($"{displayPath}: holds {stream.Documents.Count} YAML documents; one is expected.");
        }

        return Convert(stream.Documents[0].RootNode, displayPath);
    }

    private static YNode Convert(YamlNode node, string file)
    {
        var mark = new SourceMark(file, (int)node.Start.Line);
        switch (node)
        {
            case YamlScalarNode scalar:
                return new YScalar(scalar.Value ?? "", mark);
            case YamlSequenceNode sequence:
                return new YSequence([.. sequence.Children.Select(c => Convert(c, file))], mark);
            case YamlMappingNode mapping:
                var entries = new List<YEntry>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (k, v) in mapping.Children)
                {
                    if (k is not YamlScalarNode keyNode)
                    {
                        throw new ModelException($"{file}:{k.Start.Line}: a mapping key must be a plain name.");
                    }

                    var key = keyNode.Value ?? "";
                    var keyMark = new SourceMark(file, (int)k.Start.Line);
                    if (!seen.Add(key))
                    {
                        throw ModelException.At(keyMark, $"key '{key}' appears twice in the same mapping.");
                    }

                    entries.Add(new YEntry(key, keyMark, Convert(v, file)));
                }

                return new YMapping(entries, mark);
            default:
                throw new ModelException($"{file}:{node.Start.Line}: unsupported YAML node.");
        }
    }
}
