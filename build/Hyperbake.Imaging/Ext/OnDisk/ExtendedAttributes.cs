using System.Buffers.Binary;
using System.Text;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// An inode's extended attributes in ext4's encoding: each name split into a prefix index and a
/// suffix, entries (ext4_xattr_entry) growing from the front and 4-byte aligned values from the
/// back. They go in the inode's spare 96 bytes when they fit, else in one xattr block.
/// </summary>
internal sealed class ExtendedAttributes
{
    public const uint Magic = 0xEA020000;
    public const int EntryHeaderSize = 16;
    public const int BlockHeaderSize = 32;

    private static readonly (string Prefix, byte Index)[] Prefixes =
    [
        ("system.posix_acl_access", 2),
        ("system.posix_acl_default", 3),
        ("system.richacl", 8),
        ("user.", 1),
        ("trusted.", 4),
        ("security.", 6),
        ("system.", 7),
    ];

    private readonly List<Entry> _entries;

    private ExtendedAttributes(List<Entry> entries) => _entries = entries;

    /// <summary>Bytes the in-inode area needs: magic, entries, terminator, values.</summary>
    public int InodeSpaceNeeded => 4 + EntriesSize + ValuesSize;

    public int BlockSpaceNeeded => BlockHeaderSize + EntriesSize + ValuesSize;

    private int EntriesSize => _entries.Sum(e => EntryLength(e.Name.Length)) + 4;

    private int ValuesSize => _entries.Sum(e => Align(e.Value.Length));

    public static ExtendedAttributes? From(SortedDictionary<string, byte[]> xattrs, string path)
    {
        if (xattrs.Count == 0)
        {
            return null;
        }

        var entries = new List<Entry>();
        foreach (var (name, value) in xattrs)
        {
            var (prefix, index) = Prefixes.FirstOrDefault(p => name.StartsWith(p.Prefix, StringComparison.Ordinal));
            var suffix = Encoding.UTF8.GetBytes(prefix is null ? name : name[prefix.Length..]);
            if (suffix.Length > 255)
            {
                throw new InvalidOperationException($"Extended attribute '{name}' of '{path}' has a name longer than 255 bytes; shorten it.");
            }

            var stored = index is 2 or 3 ? PosixAcl.ToExt4(value, name, path) : value;
            entries.Add(new Entry(index, suffix, stored));
        }

        // The kernel keeps block entries sorted by index, name length, name; do the same everywhere.
        entries.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index)
            : a.Name.Length != b.Name.Length ? a.Name.Length.CompareTo(b.Name.Length)
            : a.Name.AsSpan().SequenceCompareTo(b.Name));
        return new ExtendedAttributes(entries);
    }

    /// <summary>Writes the in-inode area (starting with the magic); value offsets count from the first entry.</summary>
    public byte[] EncodeInInode()
    {
        var area = new byte[InodeRecord.InlineXattrSpace];
        BinaryPrimitives.WriteUInt32LittleEndian(area, Magic);
        WriteEntries(area.AsSpan(4), out _);
        return area;
    }

    /// <summary>Writes an xattr block (refcount 1) with its hash and, under metadata_csum, its checksum.</summary>
    public void EncodeBlock(Span<byte> block, ulong blockNumber, uint? checksumSeed)
    {
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block[BlockField.Magic..], Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(block[BlockField.RefCount..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(block[BlockField.Blocks..], 1);
        WriteEntries(block, out var hashes, entriesStart: BlockHeaderSize);
        uint blockHash = 0;
        foreach (var h in hashes)
        {
            blockHash = (blockHash << 16) ^ (blockHash >> 16) ^ h;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(block[BlockField.Hash..], blockHash);
        if (checksumSeed is { } seed)
        {
            Span<byte> le = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(le, blockNumber);
            var crc = Crc32C.Update(Crc32C.Update(seed, le), block);
            BinaryPrimitives.WriteUInt32LittleEndian(block[BlockField.Checksum..], crc);
        }
    }

    private static int EntryLength(int nameLength) => (nameLength + EntryHeaderSize + 3) & ~3;

    private static int Align(int n) => (n + 3) & ~3;

    /// <summary>Entries from <paramref name="entriesStart"/>, values packed down from the end of <paramref name="region"/>.</summary>
    private void WriteEntries(Span<byte> region, out List<uint> hashes, int entriesStart = 0)
    {
        hashes = [];
        var at = entriesStart;
        var valueEnd = region.Length;
        foreach (var e in _entries)
        {
            var valueOffset = 0;
            if (e.Value.Length > 0)
            {
                valueEnd -= Align(e.Value.Length);
                valueOffset = valueEnd;
                e.Value.CopyTo(region[valueOffset..]);
            }

            var hash = EntryHash(e.Name, region.Slice(valueOffset, Align(e.Value.Length)));
            hashes.Add(hash);
            region[at + EntryField.NameLength] = (byte)e.Name.Length;
            region[at + EntryField.NameIndex] = e.Index;
            BinaryPrimitives.WriteUInt16LittleEndian(region[(at + EntryField.ValueOffset)..], (ushort)valueOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(region[(at + EntryField.ValueSize)..], (uint)e.Value.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(region[(at + EntryField.Hash)..], hash);
            e.Name.CopyTo(region[(at + EntryField.Name)..]);
            at += EntryLength(e.Name.Length);
        }
    }

    /// <summary>ext4_xattr_hash_entry: the name's bytes (unsigned), then the value as little-endian words.</summary>
    private static uint EntryHash(ReadOnlySpan<byte> name, ReadOnlySpan<byte> paddedValue)
    {
        uint hash = 0;
        foreach (var c in name)
        {
            hash = (hash << 5) ^ (hash >> 27) ^ c;
        }

        for (var i = 0; i + 4 <= paddedValue.Length; i += 4)
        {
            hash = (hash << 16) ^ (hash >> 16) ^ BinaryPrimitives.ReadUInt32LittleEndian(paddedValue[i..]);
        }

        return hash;
    }

    private sealed record Entry(byte Index, byte[] Name, byte[] Value);

    /// <summary>ext4_xattr_header.</summary>
    private static class BlockField
    {
        public const int Magic = 0x00;
        public const int RefCount = 0x04;
        public const int Blocks = 0x08;
        public const int Hash = 0x0C;
        public const int Checksum = 0x10;
    }

    /// <summary>ext4_xattr_entry.</summary>
    private static class EntryField
    {
        public const int NameLength = 0x0;
        public const int NameIndex = 0x1;
        public const int ValueOffset = 0x2;
        public const int ValueInum = 0x4;
        public const int ValueSize = 0x8;
        public const int Hash = 0xC;
        public const int Name = 0x10;
    }
}
