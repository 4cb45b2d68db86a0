using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Imaging;

/// <summary>
/// The Filesystem target: one filesystem image or archive from a folder or an archive, written
/// under a temporary name and renamed when complete (genimage's single images, without a config).
/// </summary>
public static class FilesystemStage
{
    /// <summary>Reads the target's options: --type, --from, --out, --size, --label, --extra-space, --keep-owner, --skip-unsupported, --efi-boot.</summary>
    public static (FilesystemRequest Request, string Output) Parse(CommandLineValues values, long sourceDateEpoch)
    {
        var spelling = OptionSpelling.CommandLine;
        var type = FilesystemTypes.Parse("type", values.Text("type"), spelling);
        var fromText = values.Required("from", "rootfs/");
        var outText = values.Required("out", $"rootfs.{(type.IsArchive() ? type.Name() : "img")}");
        var output = AtomicFile.PrepareOutput("out", outText, CallerDirectory.Resolve(outText, values.BaseDirectory), spelling);
        var request = new FilesystemRequest
        {
            Type = type,
            From = CallerDirectory.Resolve(fromText, values.BaseDirectory),
            FromText = fromText,
            Label = values.Text("label"),
            Size = values.Size("size"),
            ExtraSpace = values.Size("extra-space"),
            KeepOwner = values.Flag("keep-owner"),
            SkipUnsupported = values.Flag("skip-unsupported"),
            EfiBoot = values.Text("efi-boot"),
            SourceDateEpoch = sourceDateEpoch,
            Spelling = spelling,
            TemporaryDirectory = Path.GetDirectoryName(output),
        };
        return (request, output);
    }

    /// <summary>Builds the image into <paramref name="output"/>; returns its size in bytes.</summary>
    public static long Run(ICakeContext context, FilesystemRequest request, string output)
    {
        // Settings the type cannot take fail before the tree is read.
        FilesystemBuilders.CheckSettings(request, tree: null);
        var gzip = request.Type.IsArchive() && ArchiveGzip(output);
        var tree = TreeSource.Read(request);
        var size = AtomicFile.InOutputFolder(output, () => Write(request, tree, output, gzip));
        context.Log.Information("Wrote {0}: {1}, {2}", output, request.Describe(), ByteSize.Describe(size));
        return size;
    }

    private static long Write(FilesystemRequest request, FileTree tree, string output, bool gzip)
    {
        long size;
        if (request.Type.IsArchive())
        {
            AtomicFile.Write(output, file =>
            {
                if (request.Type == FilesystemType.Tar)
                {
                    TarTreeWriter.Write(tree, file, new TarWriteOptions { Gzip = gzip });
                }
                else
                {
                    CpioTreeWriter.Write(tree, file, new CpioWriteOptions { Gzip = gzip });
                }
            });
            size = new FileInfo(output).Length;
        }
        else
        {
            using var builder = FilesystemBuilders.Create(request, tree);
            size = builder.ComputeSize();
            AtomicFile.Write(output, file =>
            {
                builder.WriteTo(file);
                if (file.Length < size)
                {
                    file.SetLength(size);
                }
            });
        }

        return size;
    }

    // The archive's compression follows the output's name, as tar -a does.
    private static bool ArchiveGzip(string output)
    {
        var name = Path.GetFileName(output).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var unsupported in new[] { ".bz2", ".tbz2", ".xz", ".txz", ".zst", ".lz4" })
        {
            if (name.EndsWith(unsupported, StringComparison.Ordinal))
            {
                throw new ImagingInputException($"--out={Path.GetFileName(output)}: archives are written plain or gzip-compressed only. Name the output .tar/.cpio or .tar.gz/.cpio.gz.");
            }
        }

        return false;
    }
}
