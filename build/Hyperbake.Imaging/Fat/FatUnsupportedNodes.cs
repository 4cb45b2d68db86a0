namespace Hyperbake.Imaging.Fat;

/// <summary>What the FAT writer does with symlinks, devices, fifos and sockets, which FAT cannot hold.</summary>
public enum FatUnsupportedNodes
{
    /// <summary>Fail, naming the first such path (the default: nothing is dropped silently).</summary>
    Error,

    /// <summary>Leave them out of the image.</summary>
    Skip,
}
