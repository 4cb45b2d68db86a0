using Hyperbake.Imaging.Iso9660.RockRidge;

namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>One directory as a hierarchy (primary or Joliet) records it: identifier, number, extent, records.</summary>
internal sealed class HierarchyDirectory(SourceDirectory source, HierarchyDirectory? parent, byte[] identifier)
{
    public SourceDirectory Source { get; } = source;

    public HierarchyDirectory Parent => parent ?? this;

    /// <summary>The identifier bytes in the parent (0x00 for the root, as path tables record it).</summary>
    public byte[] Identifier { get; } = identifier;

    /// <summary>The 1-based position in the path table.</summary>
    public int Number { get; set; }

    public long Block { get; set; }

    /// <summary>The extent's length in bytes, a whole number of blocks.</summary>
    public long Size { get; set; }

    /// <summary>Children in ECMA-119 9.3 order, without "." and "..".</summary>
    public List<HierarchyRecord> Records { get; } = [];

    public SystemUseField DotSystemUse { get; set; } = SystemUseField.Empty;

    public SystemUseField DotDotSystemUse { get; set; } = SystemUseField.Empty;
}

/// <summary>A directory record for one child: its identifier, the entry it names, and its Rock Ridge entries.</summary>
internal sealed class HierarchyRecord(byte[] identifier, SourceEntry entry, HierarchyDirectory? directory, SystemUseField systemUse)
{
    public byte[] Identifier { get; } = identifier;

    public SourceEntry Entry { get; } = entry;

    public HierarchyDirectory? Directory { get; } = directory;

    public SystemUseField SystemUse { get; } = systemUse;

    public int Length => Structures.DirectoryRecord.FixedLength(Identifier.Length) + SystemUse.Length;
}
