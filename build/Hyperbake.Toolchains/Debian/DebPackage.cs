using System.IO.Compression;
using Hyperbake.Imaging.Archives.Streams;
using Hyperbake.Toolchains.Debian.Xz;

namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Reads a .deb: an ar archive of <c>debian-binary</c>, <c>control.tar.*</c> and <c>data.tar.*</c>.
/// xz and gzip are decoded in-process; zstd (which Debian's own archive does not use) goes through the host's <c>zstd -dc</c>.
/// </summary>
public static class DebPackage
{
    /// <summary>Opens the decompressed tar of a member (<c>control</c> or <c>data</c>), whatever its compression.</summary>
    public static Stream OpenTar(string debPath, string member)
    {
        var file = File.OpenHandle(debPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        try
        {
            var magic = new byte[8];
            if (RandomAccess.Read(file, magic, 0) != magic.Length || System.Text.Encoding.ASCII.GetString(magic) != ArHeader.GlobalMagic)
            {
                throw new FormatException($"{debPath} is not a .deb (no ar magic \"!<arch>\").");
            }

            var header = new byte[ArHeader.Size_];
            var seen = new List<string>();
            var position = (long)magic.Length;
            while (RandomAccess.Read(file, header, position) == header.Length)
            {
                var entry = ArHeader.Read(header, debPath);
                seen.Add(entry.Name);
                position += header.Length;
                if (entry.Name == member + ".tar" || entry.Name.StartsWith(member + ".tar.", StringComparison.Ordinal))
                {
                    // The slice owns the file from here on.
                    var slice = new HandleSliceStream(file, ownsHandle: true, position, entry.Size);
                    return entry.Name[(member.Length + 4)..] switch
                    {
                        "" => slice,
                        ".xz" => new XzDecoderStream(slice),
                        ".gz" => new GZipStream(slice, CompressionMode.Decompress),
                        ".zst" => HostDecompressor.Open("zstd", slice, debPath),
                        var other => throw new FormatException($"{debPath}: member '{entry.Name}' uses compression '{other}', which is not supported (xz, gz, zst are)."),
                    };
                }

                position += entry.Size + (entry.Size & 1);
            }

            throw new FormatException($"{debPath} has no {member}.tar.* member (members: {string.Join(", ", seen)}).");
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The package's control paragraph (Package, Version, Depends …).</summary>
    public static ControlStanza ReadControl(string debPath)
    {
        using var tar = new System.Formats.Tar.TarReader(OpenTar(debPath, "control"));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == "control" && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return ControlFile.Parse(reader.ReadToEnd(), debPath + ":control").First();
            }
        }

        throw new FormatException($"{debPath} has no control file in control.tar.");
    }
}
