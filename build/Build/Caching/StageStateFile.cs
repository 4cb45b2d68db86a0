using System.Globalization;
using System.Text;
using Hyperbake.Cache.Fingerprints;

namespace Build.Caching;

/// <summary>
/// The on-disk form of a <see cref="StageState"/>: a few tab-separated lines, because every stage of
/// every build reads and writes them and a JSON serializer's first use in a process cost more than
/// the up-to-date check itself. Tabs, newlines and backslashes inside values are escaped. The last
/// line is <c>end</c>: a file without it (or of another format) is no state, and the stage runs.
/// </summary>
/// <example>
/// <code>
/// hyperbake stage state 1
/// key	3f2a…
/// dir	/work/dist/amd64/1.0.0
/// out	13524992	639309371651044919	1e96…	rootfs.img
/// in	file	5d1c…	recipes/files/live/init	-
/// end
/// </code>
/// </example>
public static class StageStateFile
{
    private const string Header = "hyperbake stage state 1";
    private const string None = "-";

    public static byte[] Write(StageState state)
    {
        var text = new StringBuilder(Header).Append('\n');
        text.Append("key\t").Append(Escape(state.Key)).Append('\n');
        text.Append("dir\t").Append(state.Directory is null ? None : Escape(state.Directory)).Append('\n');
        foreach (var o in state.Outputs)
        {
            text.Append("out\t").Append(o.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(o.MtimeTicks.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(o.Sha256 ?? None).Append('\t').Append(Escape(o.Name)).Append('\n');
        }

        foreach (var i in state.Inputs)
        {
            text.Append("in\t").Append(Escape(i.Kind)).Append('\t').Append(Escape(i.Hash)).Append('\t')
                .Append(Escape(i.Name)).Append('\t').Append(i.Shown is null ? None : Escape(i.Shown)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.Append("end\n").ToString());
    }

    /// <summary>The state in <paramref name="bytes"/>, or null when they are not a complete state file.</summary>
    public static StageState? Read(byte[] bytes)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        if (lines.Length < 4 || lines[0] != Header || lines[^1] != "" || lines[^2] != "end")
        {
            return null;
        }

        string? key = null;
        string? directory = null;
        var outputs = new List<StageOutputStamp>();
        var inputs = new List<FingerprintInput>();
        foreach (var line in lines.AsSpan(1, lines.Length - 3))
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "key" when f.Length == 2:
                    key = Unescape(f[1]);
                    break;
                case "dir" when f.Length == 2:
                    directory = f[1] == None ? null : Unescape(f[1]);
                    break;
                case "out" when f.Length == 5
                    && long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    && long.TryParse(f[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mtime):
                    outputs.Add(new StageOutputStamp(Unescape(f[4]), size, mtime, f[3] == None ? null : f[3]));
                    break;
                case "in" when f.Length == 5:
                    inputs.Add(new FingerprintInput(Unescape(f[1]), Unescape(f[3]), Unescape(f[2]), f[4] == None ? null : Unescape(f[4])));
                    break;
                default:
                    return null;
            }
        }

        return key is null ? null : new StageState(key, outputs, inputs, directory);
    }

    // A value that is exactly "-" is written "\-", so it is never read back as "none".
    private static string Escape(string value) =>
        value == None ? "\\-" : value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string value)
    {
        if (!value.Contains('\\'))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                text.Append(value[i]);
                continue;
            }

            text.Append(value[++i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                var other => other,
            });
        }

        return text.ToString();
    }
}
