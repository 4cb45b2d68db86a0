using System.Globalization;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Model;
using Hyperbake.Model.Yaml;

namespace Build.Stages.Imaging;

/// <summary>
/// Reads a disk layout (YAML, strict: unknown keys and bad values fail with file and line) into
/// a <see cref="DiskLayout"/> whose partitions hold image files, filesystems built from folders
/// or archives, or nothing. Relative paths are against the layout file's folder.
/// </summary>
public static class LayoutReader
{
    private static readonly string[] LayoutKeys = ["table", "disk-guid", "disk-id", "size", "alignment", "seed", "partitions"];

    private static readonly string[] PartitionKeys = ["name", "type", "number", "uuid", "start", "size", "grow", "bootable", "attributes", "hybrid", "mbr-type", "image", "filesystem"];

    private static readonly string[] FilesystemKeys = ["type", "from", "label", "size", "extra-space", "keep-owner", "skip-unsupported", "efi-boot"];

    private static readonly Dictionary<string, ulong> AttributeNames = new(StringComparer.Ordinal)
    {
        ["required"] = GptAttributes.RequiredPartition,
        ["no-block-io"] = GptAttributes.NoBlockIoProtocol,
        ["legacy-bios-bootable"] = GptAttributes.LegacyBiosBootable,
        ["read-only"] = 1UL << 60,
        ["hidden"] = 1UL << 62,
        ["no-automount"] = 1UL << 63,
    };

    /// <summary>Reads <paramref name="path"/> (shown as <paramref name="shownPath"/>); filesystems are planned, not yet written.</summary>
    public static LayoutFile Read(string path, string shownPath, long sourceDateEpoch, string? temporaryDirectory)
    {
        if (!File.Exists(path))
        {
            throw new ImagingInputException($"--layout={shownPath}: no such file ({path}). Give a YAML layout file, e.g. --layout=layers/core/files/layouts/genimage-like.yaml.");
        }

        var owned = new List<IDisposable>();
        try
        {
            return Parse(path, shownPath, sourceDateEpoch, temporaryDirectory, owned);
        }
        catch (ModelException e)
        {
            Dispose(owned);
            throw new ImagingInputException(e.Message);
        }
        catch
        {
            Dispose(owned);
            throw;
        }
    }

    private static LayoutFile Parse(string path, string shown, long sourceDateEpoch, string? temporaryDirectory, List<IDisposable> owned)
    {
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var root = YRead.Mapping(YamlLoader.Load(path, shown), "the layout");
        YRead.OnlyKeys(root, "the layout", LayoutKeys);

        var tableText = YRead.OptionalString(root, "table") ?? "gpt";
        var table = tableText switch
        {
            "gpt" => PartitionTableType.Gpt,
            "mbr" or "msdos" or "dos" => PartitionTableType.Mbr,
            "hybrid" => PartitionTableType.Hybrid,
            _ => throw ModelException.At(root["table"]!.Mark, $"'table: {tableText}' is not a partition table type. Use gpt, mbr or hybrid."),
        };

        Guid? diskGuid = null;
        if (root["disk-guid"] is { } guidNode)
        {
            if (table == PartitionTableType.Mbr)
            {
                throw ModelException.At(guidNode.Mark, "'disk-guid' is the GPT disk GUID, but 'table' is mbr. Use 'disk-id' (the MBR disk signature, e.g. 0x1234abcd) or 'table: gpt'.");
            }

            diskGuid = ParseGuid(root, "disk-guid");
        }

        uint? diskId = null;
        if (root["disk-id"] is { } idNode)
        {
            if (table == PartitionTableType.Gpt)
            {
                throw ModelException.At(idNode.Mark, "'disk-id' is the MBR disk signature, but 'table' is gpt. Use 'disk-guid' for a GPT disk, or 'table: mbr' or 'hybrid'.");
            }

            var text = Scalar(idNode, "disk-id");
            diskId = TryParseNumber(text, out var n) && n <= uint.MaxValue
                ? (uint)n
                : throw ModelException.At(idNode.Mark, $"'disk-id: {text}' is not a 32-bit disk signature. Write it in hex, e.g. disk-id: 0x1234abcd.");
        }

        var partitionsNode = root["partitions"] ?? throw ModelException.At(root.Mark, "the layout needs 'partitions:', a list of partitions (each with at least a 'name').");
        if (partitionsNode is not YSequence { Items.Count: > 0 } sequence)
        {
            throw ModelException.At(partitionsNode.Mark, $"'partitions' must be a list with at least one partition, not {partitionsNode.Describe()}.");
        }

        var infos = new Dictionary<string, (SourceMark, string)>(StringComparer.Ordinal);
        var specs = new List<PartitionSpec>();
        foreach (var item in sequence.Items)
        {
            var p = YRead.Mapping(item, "a partition");
            YRead.OnlyKeys(p, "a partition", PartitionKeys);
            var (spec, content) = ReadPartition(p, table, baseDirectory, sourceDateEpoch, temporaryDirectory, owned);
            if (!infos.TryAdd(spec.Name, (p.Mark, content)))
            {
                throw ModelException.At(p.Mark, $"two partitions are named '{spec.Name}'. Give each partition its own name.");
            }

            specs.Add(spec);
        }

        var size = OptionalSize(root, "size");
        if (size is null && specs.FirstOrDefault(s => s.Grow) is { } grows)
        {
            throw ModelException.At(((YMapping)sequence.Items[specs.IndexOf(grows)]).Mark,
                $"partition '{grows.Name}' has 'grow: true' but the disk has no 'size' to grow into. Give the layout a size (e.g. size: 4GiB), or give the partition a 'size'.");
        }

        var layout = new DiskLayout(table)
        {
            DiskGuid = diskGuid,
            DiskSignature = diskId,
            TotalSize = size,
            Alignment = OptionalSize(root, "alignment") ?? ByteSize.MiB,
            Seed = YRead.OptionalString(root, "seed"),
            Partitions = specs,
        };
        return new LayoutFile(shown, layout, owned, infos);
    }

    private static (PartitionSpec Spec, string Content) ReadPartition(
        YMapping p, PartitionTableType table, string baseDirectory, long sourceDateEpoch, string? temporaryDirectory, List<IDisposable> owned)
    {
        var name = YRead.RequiredString(p, "name", "a partition");
        var typeText = YRead.OptionalString(p, "type") ?? "linux";
        PartitionType type;
        try
        {
            type = PartitionType.Parse(typeText);
        }
        catch (FormatException e)
        {
            throw ModelException.At(p["type"]!.Mark, e.Message);
        }

        var size = OptionalSize(p, "size");
        var grow = YRead.OptionalBool(p, "grow", false);
        if (grow && size is not null)
        {
            throw ModelException.At(p["grow"]!.Mark, $"partition '{name}' has both 'size' and 'grow: true'. Choose one.");
        }

        var hybrid = YRead.OptionalBool(p, "hybrid", false);
        if (hybrid && table != PartitionTableType.Hybrid)
        {
            throw ModelException.At(p["hybrid"]!.Mark, $"'hybrid: true' mirrors partition '{name}' into a hybrid MBR, but 'table' is {table.ToString().ToLowerInvariant()}. Use 'table: hybrid' or leave 'hybrid' out.");
        }

        int? number = null;
        if (p["number"] is not null)
        {
            var n = YRead.OptionalInt(p, "number", 0);
            var max = table == PartitionTableType.Mbr ? 4 : GptPartitionTable.EntryCount;
            number = n >= 1 && n <= max ? n : throw ModelException.At(p["number"]!.Mark, $"'number: {n}' is not a table slot; a {table.ToString().ToLowerInvariant()} table has slots 1 to {max}.");
        }

        var imageNode = p["image"];
        var filesystemNode = p["filesystem"];
        if (imageNode is not null && filesystemNode is not null)
        {
            throw ModelException.At(filesystemNode.Mark, $"partition '{name}' has both 'image' and 'filesystem'. Give one: 'image' copies a file, 'filesystem' builds one.");
        }

        PartitionContent content;
        string describe;
        if (imageNode is not null)
        {
            var given = Scalar(imageNode, "image");
            var file = CallerDirectory.Resolve(given, baseDirectory);
            if (!File.Exists(file))
            {
                throw ModelException.At(imageNode.Mark, $"'image: {given}': no such file ({file}). Paths are relative to the layout's folder; build the image first or fix the path.");
            }

            content = PartitionContent.FromFile(file);
            describe = $"image {given}";
        }
        else if (filesystemNode is not null)
        {
            var fs = YRead.Mapping(filesystemNode, $"partition '{name}' filesystem");
            var builder = ReadFilesystem(fs, name, size is null ? null : (size.Value, p["size"]!.Mark), baseDirectory, sourceDateEpoch, temporaryDirectory);
            owned.Add(builder);
            content = PartitionContent.FromBuilder(builder);
            describe = builder.Request.Describe();
        }
        else
        {
            content = PartitionContent.Empty;
            describe = "(empty)";
        }

        // The disk library would say the same, but here the line of the partition is known.
        if (size is { } fixedSize && content.Length > fixedSize)
        {
            throw ModelException.At(p["size"]!.Mark,
                $"partition '{name}' is {ByteSize.Describe(fixedSize)} but its {describe} is {ByteSize.Bytes(content.Length)}. Raise its size to at least {SizeText.Format(content.Length, roundUpToMiB: true)}, or leave 'size' out to fit the content.");
        }

        var spec = new PartitionSpec(name, type, size, content)
        {
            Grow = grow,
            Start = OptionalSize(p, "start"),
            Number = number,
            UniqueGuid = p["uuid"] is null ? null : ParseGuid(p, "uuid"),
            Attributes = ReadAttributes(p),
            Bootable = YRead.OptionalBool(p, "bootable", false),
            InHybridMbr = hybrid,
            MbrType = p["mbr-type"] is { } mbr ? ParseMbrType(mbr) : null,
        };
        return (spec, describe);
    }

    private static CheckedFilesystemBuilder ReadFilesystem(
        YMapping fs, string partition, (long Size, SourceMark Mark)? partitionSize, string baseDirectory, long sourceDateEpoch, string? temporaryDirectory)
    {
        YRead.OnlyKeys(fs, "a filesystem", FilesystemKeys);
        var spelling = OptionSpelling.Yaml(fs);
        var type = FilesystemTypes.Parse("type", YRead.OptionalString(fs, "type"), spelling);
        if (type.IsArchive())
        {
            throw ModelException.At(fs["type"]!.Mark,
                $"'type: {type.Name()}' is an archive, not a filesystem a partition can hold. Use fat, fat32, squashfs, ext2, ext3, ext4 or iso, or build the archive with --target=Filesystem and give it as 'image:'.");
        }

        var from = YRead.OptionalString(fs, "from") ?? throw ModelException.At(fs.Mark, "a filesystem needs 'from': the folder or archive (.tar, .tar.gz, .cpio …) it is built from, relative to the layout's folder.");
        var size = OptionalSize(fs, "size");

        // A writable filesystem fills its partition unless told otherwise.
        var fillsPartition = size is null && partitionSize is not null && type.HasFreeSpace() && fs["extra-space"] is null;

        var request = new FilesystemRequest
        {
            Type = type,
            From = CallerDirectory.Resolve(from, baseDirectory),
            FromText = from,
            Label = YRead.OptionalString(fs, "label"),
            Size = size,
            ExtraSpace = OptionalSize(fs, "extra-space"),
            KeepOwner = YRead.OptionalBool(fs, "keep-owner", false),
            SkipUnsupported = YRead.OptionalBool(fs, "skip-unsupported", false),
            EfiBoot = YRead.OptionalString(fs, "efi-boot"),
            SourceDateEpoch = sourceDateEpoch,
            Spelling = spelling,
            TemporaryDirectory = temporaryDirectory,
        };
        FilesystemBuilders.CheckSettings(request, tree: null);
        var tree = TreeSource.Read(request);
        if (fillsPartition)
        {
            // The partition's size is the filesystem's: a partition too small is the partition's fault.
            using (var smallest = FilesystemBuilders.Create(request with { ExtraSpace = 0 }, tree))
            {
                var needed = smallest.ComputeSize();
                if (needed > partitionSize!.Value.Size)
                {
                    throw ModelException.At(partitionSize.Value.Mark,
                        $"partition '{partition}' is {ByteSize.Describe(partitionSize.Value.Size)} but its {request.Describe()} needs at least {ByteSize.Bytes(needed)}. Raise its size to at least {SizeText.Format(needed, roundUpToMiB: true)}, or leave 'size' out to fit the content.");
                }
            }

            request = request with { Size = partitionSize!.Value.Size };
        }

        var builder = FilesystemBuilders.Create(request, tree);
        try
        {
            builder.ComputeSize();
        }
        catch
        {
            builder.Dispose();
            throw;
        }

        return builder;
    }

    private static ulong ReadAttributes(YMapping p)
    {
        var node = p["attributes"];
        if (node is null)
        {
            return 0;
        }

        if (node is YScalar single)
        {
            return TryParseNumber(single.Value, out var bits) ? bits : Attribute(single);
        }

        if (node is not YSequence list)
        {
            throw ModelException.At(node.Mark, $"'attributes' must be a number (e.g. 0x4) or a list of names and bit numbers, not {node.Describe()}.");
        }

        ulong all = 0;
        foreach (var item in list.Items)
        {
            all |= Attribute(item as YScalar ?? throw ModelException.At(item.Mark, $"'attributes' lists names or bit numbers, not {item.Describe()}."));
        }

        return all;
    }

    private static ulong Attribute(YScalar item)
    {
        if (AttributeNames.TryGetValue(item.Value, out var named))
        {
            return named;
        }

        if (int.TryParse(item.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bit) && bit is >= 0 and < 64)
        {
            return 1UL << bit;
        }

        throw ModelException.At(item.Mark,
            $"'{item.Value}' is not a GPT attribute. Use a bit number 0..63 or one of: {string.Join(", ", AttributeNames.Keys)}; or give all bits as one number, e.g. attributes: 0x4.");
    }

    private static byte ParseMbrType(YNode node)
    {
        var text = Scalar(node, "mbr-type");
        return TryParseNumber(text, out var n) && n <= byte.MaxValue
            ? (byte)n
            : throw ModelException.At(node.Mark, $"'mbr-type: {text}' is not an MBR partition type byte. Write it in hex, e.g. mbr-type: 0x0c.");
    }

    private static Guid ParseGuid(YMapping m, string key)
    {
        var text = Scalar(m[key]!, key);
        return Guid.TryParse(text, out var guid)
            ? guid
            : throw ModelException.At(m[key]!.Mark, $"'{key}: {text}' is not a GUID. Write it as 8-4-4-4-12 hex digits, e.g. {key}: 6a1c9a2e-0d4b-4f7e-9c61-3f1f0c2b7a10.");
    }

    private static long? OptionalSize(YMapping m, string key)
    {
        if (m[key] is not { } node)
        {
            return null;
        }

        var text = Scalar(node, key);
        return YRead.TryParseSize(text, out var bytes) && bytes > 0
            ? bytes
            : throw ModelException.At(node.Mark, $"'{key}: {text}' is not a size. Write bytes (4096) or a number with a binary unit, e.g. {key}: 64MiB (K, M, G, T or KiB, MiB, GiB, TiB).");
    }

    private static string Scalar(YNode node, string key) =>
        node is YScalar s ? s.Value : throw ModelException.At(node.Mark, $"'{key}' must be a single value, not {node.Describe()}.");

    // Decimal or 0x-prefixed hexadecimal.
    private static bool TryParseNumber(string text, out ulong value)
    {
        var t = text.Trim();
        return t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static void Dispose(List<IDisposable> owned)
    {
        foreach (var o in owned)
        {
            o.Dispose();
        }
    }
}
