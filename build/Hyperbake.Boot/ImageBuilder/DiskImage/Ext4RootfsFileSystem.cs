using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.FileSystems;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>ext4 rootfs partitions written in-process (no mkfs, no loop device), filling the partition.</summary>
public sealed class Ext4RootfsFileSystem : IRootfsFileSystemFactory
{
    public string Name => "ext4";

    public IFileSystemBuilder Create(RootfsFileSystemRequest request) =>
        new ExtFileSystemBuilder(request.Tree, new ExtFileSystemOptions
        {
            Size = request.Size,
            Label = request.Label,
            SourceDateEpoch = request.SourceDateEpoch,
            Seed = request.Seed,
        });
}
