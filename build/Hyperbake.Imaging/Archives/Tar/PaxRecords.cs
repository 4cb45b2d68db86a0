using System.Globalization;
using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>
/// PAX extended header records ("%d %s=%s\n", the length counting itself). Values are kept as
/// bytes because <c>SCHILY.xattr.*</c> values are binary; text keys decode them as UTF-8.
/// </summary>
public static class PaxRecords
{
    public const string Path = "path";
    public const string LinkPath = "linkpath";
    public const string Size = "size";
    public const string ModificationTime = "mtime";
    public const string Uid = "uid";
    public const string Gid = "gid";
    public const string UserName = "uname";
    public const string GroupName = "gname";
    public const string SchilyXattrPrefix = "SCHILY.xattr.";
    public const string LibarchiveXattrPrefix = "LIBARCHIVE.xattr.";
    public const string SchilyDevMajor = "SCHILY.devmajor";
    public const string SchilyDevMinor = "SCHILY.devminor";
    public const string GnuSparsePrefix = "GNU.sparse.";

    public static Dictionary<string, byte[]> Parse(ReadOnlySpan<byte> data, string where)
    {
        var records = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var pos = 0;
        while (pos < data.Length)
        {
            if (data[pos] == 0)
            {
                break; // padding after the last record
            }

            var space = data[pos..].IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data.Slice(pos, space), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length <= space + 1 || pos + length > data.Length || data[pos + length - 1] != (byte)'\n')
            {
                throw new FileTreeException($"{where}: malformed PAX extended header record at byte {pos}.");
            }

            var record = data.Slice(pos + space + 1, length - space - 2);
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw new FileTreeException($"{where}: PAX record at byte {pos} has no 'key=value'.");
            }

            records[Encoding.UTF8.GetString(record[..equals])] = record[(equals + 1)..].ToArray();
            pos += length;
        }

        return records;
    }

    /// <summary>Appends one record to <paramref name="output"/>.</summary>
    public static void Append(List<byte> output, string key, ReadOnlySpan<byte> value)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var body = keyBytes.Length + value.Length + 3; // ' ', '=', '\n'
        var length = body + 1;
        while (length.ToString(CultureInfo.InvariantCulture).Length + body != length)
        {
            length++;
        }

        output.AddRange(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture)));
        output.Add((byte)' ');
        output.AddRange(keyBytes);
        output.Add((byte)'=');
        output.AddRange(value.ToArray());
        output.Add((byte)'\n');
    }

    public static void Append(List<byte> output, string key, string value) => Append(output, key, Encoding.UTF8.GetBytes(value));

    /// <summary>A PAX time ("1700000000.5", "-3.25") as whole seconds, rounded down.</summary>
    public static long ParseTime(byte[] value, string where)
    {
        var text = Encoding.ASCII.GetString(value);
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        if (!long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new FileTreeException($"{where}: PAX time '{text}' is not a number.");
        }

        var hasFraction = dot >= 0 && text[(dot + 1)..].Any(c => c != '0');
        return text.StartsWith('-') && hasFraction ? seconds - 1 : seconds;
    }

    public static long ParseNumber(byte[] value, string key, string where)
    {
        var text = Encoding.ASCII.GetString(value);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FileTreeException($"{where}: PAX record {key}='{text}' is not a number.");
    }
}
