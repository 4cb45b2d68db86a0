namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>Contiguous blocks of a file: <see cref="Count"/> blocks from logical <see cref="Logical"/> stored at physical <see cref="Physical"/>.</summary>
internal readonly record struct BlockRun(long Logical, long Physical, long Count);
