using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hyperbake.Imaging.Disks;
using Hyperbake.Model;

namespace Build.Stages.Imaging;

/// <summary>
/// A layout file read into a <see cref="DiskLayout"/>, with what is needed to explain it: where
/// each partition was written and what fills it. Owns the filesystem builders (dispose it).
/// </summary>
public sealed partial class LayoutFile : IDisposable
{
    private readonly List<IDisposable> _owned;
    private readonly Dictionary<string, (SourceMark Mark, string Content)> _partitions;

    internal LayoutFile(string path, DiskLayout layout, List<IDisposable> owned, Dictionary<string, (SourceMark, string)> partitions)
    {
        Path = path;
        Layout = layout;
        _owned = owned;
        _partitions = partitions;
    }

    /// <summary>The layout file as the user named it.</summary>
    public string Path { get; }

    public DiskLayout Layout { get; }

    /// <summary>Places everything; a layout that does not work is reported at the partition's line, in the layout's own words.</summary>
    public DiskPlan Plan()
    {
        try
        {
            return Layout.ComputeLayout();
        }
        catch (DiskLayoutException e)
        {
            var message = InLayoutWords(e.Message);
            var named = PartitionName().Match(e.Message);
            var where = named.Success && _partitions.TryGetValue(named.Groups[1].Value, out var p) ? p.Mark.ToString() : Path;
            throw new ImagingInputException($"{where}: {message}");
        }
    }

    /// <summary>The computed layout as a table: offsets, sizes, types and contents (embdgen and EVE's -C print the same).</summary>
    public string Describe(DiskPlan plan)
    {
        var sb = new StringBuilder();
        var id = plan.DiskGuid is { } g ? $"disk GUID {g}" : $"disk id 0x{plan.DiskSignature:x8}";
        sb.Append(CultureInfo.InvariantCulture, $"{Path}: {plan.TableType.ToString().ToUpperInvariant()} disk of {ByteSize.Describe(plan.TotalSize)}, {plan.TotalSectors} sectors, {id}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  {"#",-3} {"name",-16} {"start",14} {"end",14} {"size",14}  {"type",-38} content\n");
        foreach (var p in plan.Partitions)
        {
            var type = p.TypeGuid is { } t ? t.ToString().ToUpperInvariant() : $"0x{p.MbrType:X2}";
            var content = _partitions.TryGetValue(p.Name, out var info) ? info.Content : "";
            sb.Append(CultureInfo.InvariantCulture, $"  {p.Number,-3} {p.Name,-16} {Hex(p.Offset),14} {Hex(p.End),14} {SizeText.Format(p.Size),14}  {type,-38} {content}\n");
        }

        return sb.ToString();
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    // The disk library speaks of its own properties; the user wrote layout keys.
    private static string InLayoutWords(string message)
    {
        foreach (var (api, key) in new[]
        {
            ("Give it a Size, content, or Grow = true", "Give it a 'size', an 'image' or a 'filesystem', or 'grow: true'"),
            ("both a Size and Grow = true", "both 'size' and 'grow: true'"),
            ("Increase DiskLayout.TotalSize", "Increase the layout's 'size'"),
            ("Set DiskLayout.TotalSize", "Give the layout a 'size'"),
            ("DiskLayout.TotalSize", "the layout's 'size'"),
            ("change DiskLayout.Alignment", "change 'alignment'"),
            ("DiskLayout.Alignment", "'alignment'"),
            ("no TotalSize", "no 'size'"),
            ("a Size", "a 'size'"),
            ("Grow = true", "'grow: true'"),
            ("Set MbrType", "Set 'mbr-type'"),
            ("have InHybridMbr = true", "have 'hybrid: true'"),
            ("Use PartitionTableType.Hybrid", "Use 'table: hybrid'"),
            ("a distinct Number", "a distinct 'number'"),
        })
        {
            message = message.Replace(api, key, StringComparison.Ordinal);
        }

        return message;
    }

    [GeneratedRegex("[Pp]artitions? '([^']*)'")]
    private static partial Regex PartitionName();
}
