namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>Where mapping and metadata blocks go once their contents are known.</summary>
internal interface IBlockSink
{
    void WriteBlock(long block, ReadOnlySpan<byte> data);
}
