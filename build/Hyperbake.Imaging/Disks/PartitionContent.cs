using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Disks;

/// <summary>What goes into a partition: nothing (zeros), a filesystem builder, or raw bytes.</summary>
public abstract class PartitionContent
{
    /// <summary>An empty partition: it reads as zeros and costs nothing in sparse outputs.</summary>
    public static readonly PartitionContent Empty = new EmptyContent();

    /// <summary>The number of bytes the content occupies from the partition's start.</summary>
    public abstract long Length { get; }

    /// <summary>A filesystem written by its builder straight into the partition.</summary>
    public static PartitionContent FromBuilder(IFileSystemBuilder builder) => new BuilderContent(builder);

    /// <summary>Raw bytes from a content source (an image file built elsewhere, a blob).</summary>
    public static PartitionContent FromSource(IContentSource source) => new SourceContent(source);

    /// <summary>Raw bytes of a file on the host.</summary>
    public static PartitionContent FromFile(string path) => new SourceContent(new HostFileContent(path));

    internal sealed class EmptyContent : PartitionContent
    {
        public override long Length => 0;
    }

    internal sealed class BuilderContent(IFileSystemBuilder builder) : PartitionContent
    {
        private long? length;

        public IFileSystemBuilder Builder => builder;

        public override long Length => length ??= builder.ComputeSize();
    }

    internal sealed class SourceContent(IContentSource source) : PartitionContent
    {
        public IContentSource Source => source;

        public override long Length => source.Length;
    }
}
