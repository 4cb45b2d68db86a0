namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Reads the host's apt sources: classic <c>sources.list</c> one-line entries and deb822 <c>.sources</c>
/// stanzas, so the Debian mirror is the one the host already uses and never named in committed files.
/// </summary>
public static class AptSources
{
    public static IReadOnlyList<AptSource> Read(string root = "/etc/apt")
    {
        var sources = new List<AptSource>();
        var list = Path.Combine(root, "sources.list");
        if (File.Exists(list))
        {
            sources.AddRange(ParseOneLine(File.ReadAllText(list), list));
        }

        var parts = Path.Combine(root, "sources.list.d");
        if (Directory.Exists(parts))
        {
            foreach (var file in Directory.GetFiles(parts).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".list", StringComparison.Ordinal))
                {
                    sources.AddRange(ParseOneLine(File.ReadAllText(file), file));
                }
                else if (file.EndsWith(".sources", StringComparison.Ordinal))
                {
                    sources.AddRange(ParseDeb822(File.ReadAllText(file), file));
                }
            }
        }

        return sources;
    }

    /// <summary>The mirror serving <paramref name="suite"/>/main binary packages, or null when the host names none.</summary>
    public static string? FindMirror(IEnumerable<AptSource> sources, string suite) =>
        sources.FirstOrDefault(s => s.Type == "deb" && IsFetchable(s.Uri) && s.Suites.Contains(suite) && s.Components.Contains("main"))?.Uri.TrimEnd('/');

    /// <summary>The mirror from the setting, else from the host's apt sources; throws with the fix when neither names one.</summary>
    public static string ResolveMirror(ToolchainSettings settings, string aptRoot = "/etc/apt")
    {
        if (settings.DebianMirror is { } configured)
        {
            return configured.TrimEnd('/');
        }

        return FindMirror(Read(aptRoot), settings.DebianSuite)
            ?? throw new InvalidOperationException(
                $"No Debian mirror for suite '{settings.DebianSuite}': the host's apt sources ({aptRoot}/sources.list, {aptRoot}/sources.list.d/) name none with component 'main'. " +
                "Set Toolchain_DebianMirror (e.g. in cake.config [Toolchain] DebianMirror=http://<mirror>/debian).");
    }

    public static IEnumerable<AptSource> ParseOneLine(string text, string origin)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            // Options in brackets ("[arch=amd64 signed-by=...]") say nothing about the mirror.
            var open = line.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0 && line.IndexOf(']', open) is var close and > 0)
            {
                line = line[..open] + line[(close + 1)..];
            }

            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3 || words[0] is not ("deb" or "deb-src"))
            {
                continue;
            }

            yield return new AptSource(words[0], words[1], [words[2]], words[3..], origin);
        }
    }

    public static IEnumerable<AptSource> ParseDeb822(string text, string origin)
    {
        foreach (var stanza in ControlFile.Parse(text, origin))
        {
            if (stanza.Get("Enabled") is { } enabled && enabled.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var types = Words(stanza.Get("Types"));
            var suites = Words(stanza.Get("Suites"));
            var components = Words(stanza.Get("Components"));
            foreach (var type in types)
            {
                foreach (var uri in Words(stanza.Get("URIs")))
                {
                    yield return new AptSource(type, uri, suites, components, origin);
                }
            }
        }
    }

    private static string[] Words(string? value) =>
        (value ?? "").Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsFetchable(string uri) =>
        uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal) || uri.StartsWith("file:", StringComparison.Ordinal);
}
