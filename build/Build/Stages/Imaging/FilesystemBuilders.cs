using System.Text;
using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Fat;
using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.SquashFs;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Imaging;

/// <summary>
/// Turns a <see cref="FilesystemRequest"/> and its tree into the library's builder (FAT, squashfs,
/// ext2/3/4 or ISO 9660), after checking the settings that only some types take.
/// </summary>
public static class FilesystemBuilders
{
    /// <summary>
    /// The builder, wrapped so that a too-small size names the bytes needed and every failure
    /// names the image. Dispose it (squashfs keeps its build in a temporary file).
    /// </summary>
    public static CheckedFilesystemBuilder Create(FilesystemRequest request, FileTree tree)
    {
        if (request.Type.IsArchive())
        {
            throw new ImagingInputException(
                $"{request.Spelling.Where}{request.Type.Name()} is an archive, not a filesystem a partition can hold. Use fat, fat32, squashfs, ext2, ext3, ext4 or iso, or build the archive with --target=Filesystem and give it as 'image:'.");
        }

        CheckSettings(request, tree);
        return new CheckedFilesystemBuilder(request, () => Make(request, tree, request.Size, request.ExtraSpace), () => Minimum(request, tree));
    }

    /// <summary>Rejects what the type cannot take, naming the option and what to do.</summary>
    public static void CheckSettings(FilesystemRequest request, FileTree? tree)
    {
        var s = request.Spelling;
        var type = request.Type;
        if (request.Label is { } label)
        {
            var max = type.MaxLabelLength();
            if (max == 0)
            {
                throw new ImagingInputException($"{s.Given("label", label)}: a {type.Name()} image has no label. Leave {s.Key("label")} out.");
            }

            var length = type.IsExt() ? Encoding.UTF8.GetByteCount(label) : label.Length;
            if (length == 0 || length > max)
            {
                var unit = type.IsExt() ? "bytes of UTF-8" : "characters";
                throw new ImagingInputException($"{s.Given("label", label)} is {length} {unit}; a {type.Name()} label holds 1 to {max}. Shorten it.");
            }
        }

        if (request.Size is not null && type.IsArchive())
        {
            throw new ImagingInputException($"{s.Given("size", SizeText.Format(request.Size.Value))}: a {type.Name()} archive is as long as its content. Leave {s.Key("size")} out.");
        }

        if (request.ExtraSpace is { } extra)
        {
            if (!type.HasFreeSpace())
            {
                throw new ImagingInputException(
                    $"{s.Given("extra-space", SizeText.Format(extra))}: a {type.Name()} image is read-only and exactly as large as its content. Leave {s.Key("extra-space")} out (it applies to fat and ext types).");
            }

            if (request.Size is { } size)
            {
                throw new ImagingInputException(
                    $"{s.Given("extra-space", SizeText.Format(extra))} and {s.Given("size", SizeText.Format(size))} are both given; the extra space only applies to a computed size. Give one of them.");
            }
        }

        if (request.EfiBoot is { } efi)
        {
            if (type != FilesystemType.Iso)
            {
                throw new ImagingInputException($"{s.Given("efi-boot", efi)}: only an iso image has El Torito boot entries. Leave {s.Key("efi-boot")} out.");
            }

            if (tree is not null && tree.Find(efi) is not { Kind: FileNodeKind.RegularFile })
            {
                throw new ImagingInputException(
                    $"{s.Given("efi-boot", efi)}: {request.FromText} has no file '{efi}'. Give the path, inside the tree, of the FAT image holding EFI/BOOT/BOOTX64.EFI (or BOOTAA64.EFI), e.g. {s.Suggest("efi-boot", "boot/efi.img")}.");
            }
        }

        if (request.SkipUnsupported && !type.IsFat())
        {
            throw new ImagingInputException($"{s.Where}{s.Key("skip-unsupported")} applies to fat types only; {type.Name()} holds symlinks and devices. Leave it out.");
        }

        if (tree is not null && type.IsFat() && !request.SkipUnsupported)
        {
            var odd = tree.Walk().FirstOrDefault(e => e.Node.Kind is not (FileNodeKind.Directory or FileNodeKind.RegularFile));
            if (odd.Node is not null)
            {
                throw new ImagingInputException(
                    $"{s.Where}{request.FromText} holds '{odd.Path}', a {odd.Node.Kind.ToString().ToLowerInvariant()}, which FAT cannot hold. Remove it, or give {s.Key("skip-unsupported")} to leave such entries out.");
            }
        }
    }

    private static IFileSystemBuilder Make(FilesystemRequest r, FileTree tree, long? size, long? extra)
    {
        switch (r.Type)
        {
            case var t when t.IsFat():
                var fat = new FatFileSystemOptions
                {
                    Size = size,
                    FatType = t switch { FilesystemType.Fat12 => FatType.Fat12, FilesystemType.Fat16 => FatType.Fat16, FilesystemType.Fat32 => FatType.Fat32, _ => null },
                    VolumeLabel = r.Label,
                    Timestamp = r.SourceDateEpoch,
                    UnsupportedNodes = r.SkipUnsupported ? FatUnsupportedNodes.Skip : FatUnsupportedNodes.Error,
                };
                return new FatFileSystemBuilder(tree, extra is { } headroom ? fat with { HeadroomBytes = headroom } : fat);

            case var t when t.IsExt():
                return new ExtFileSystemBuilder(tree, new ExtFileSystemOptions
                {
                    Revision = t switch { FilesystemType.Ext2 => ExtRevision.Ext2, FilesystemType.Ext3 => ExtRevision.Ext3, _ => ExtRevision.Ext4 },
                    Size = size,
                    ExtraSpacePercent = extra is null ? 30 : 0,
                    ExtraSpaceBytes = extra ?? 0,
                    Label = r.Label ?? "",
                    SourceDateEpoch = r.SourceDateEpoch,
                });

            case FilesystemType.Squashfs:
                return new SquashFsBuilder(tree, new SquashFsOptions
                {
                    SourceDateEpoch = r.SourceDateEpoch,
                    TemporaryDirectory = r.TemporaryDirectory,
                });

            case FilesystemType.Iso:
                return new IsoBuilder(tree, new IsoOptions
                {
                    VolumeLabel = r.Label ?? "ISOIMAGE",
                    SourceDateEpoch = r.SourceDateEpoch,
                    ElTorito = r.EfiBoot is { } efi ? new ElToritoOptions { EfiImagePath = efi } : null,
                });

            default:
                throw new ArgumentOutOfRangeException(nameof(r), r.Type, "Archives have no filesystem builder.");
        }
    }

    // The smallest image that holds the tree: a computed size with no extra space.
    private static long Minimum(FilesystemRequest r, FileTree tree)
    {
        var builder = Make(r, tree, size: null, extra: 0);
        try
        {
            return builder.ComputeSize();
        }
        finally
        {
            (builder as IDisposable)?.Dispose();
        }
    }
}
