using System.Buffers.Binary;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>One name in a directory (ext4_dir_entry_2): inode, record length, name length, file type, name.</summary>
internal readonly record struct DirectoryEntry(byte[] Name, uint Inode, byte FileType)
{
    public const int HeaderSize = 8;
    public const int MaxNameLength = 255;

    /// <summary>The checksum tail (a fake entry with file type 0xDE) at the end of every leaf block under metadata_csum.</summary>
    public const int TailSize = 12;
    public const byte TailFileType = 0xDE;

    public int RecordLength => RecordLengthFor(Name.Length);

    public static int RecordLengthFor(int nameLength) => (HeaderSize + nameLength + 3) & ~3;

    public static byte FileTypeOf(FileNodeKind kind) => kind switch
    {
        FileNodeKind.RegularFile => 1,
        FileNodeKind.Directory => 2,
        FileNodeKind.CharDevice => 3,
        FileNodeKind.BlockDevice => 4,
        FileNodeKind.Fifo => 5,
        FileNodeKind.Socket => 6,
        FileNodeKind.Symlink => 7,
        _ => 0,
    };

    /// <summary>Writes an entry header and name at the start of <paramref name="b"/>.</summary>
    public static void Write(Span<byte> b, uint inode, int recordLength, ReadOnlySpan<byte> name, byte fileType)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(b[Field.Inode..], inode);
        BinaryPrimitives.WriteUInt16LittleEndian(b[Field.RecordLength..], (ushort)recordLength);
        b[Field.NameLength] = (byte)name.Length;
        b[Field.FileType] = fileType;
        name.CopyTo(b[Field.Name..]);
    }

    /// <summary>ext4_dir_entry_2.</summary>
    internal static class Field
    {
        public const int Inode = 0;
        public const int RecordLength = 4;
        public const int NameLength = 6;
        public const int FileType = 7;
        public const int Name = 8;
    }
}
