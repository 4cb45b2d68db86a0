using System.Buffers.Binary;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// POSIX ACLs arrive in the VFS xattr form (version 2, 8-byte entries) and are stored in ext4's
/// own form (version 1, 4-byte entries for the owner/group/mask/other tags).
/// </summary>
internal static class PosixAcl
{
    private const uint VfsVersion = 2;
    private const uint Ext4Version = 1;
    private const ushort TagUser = 0x02;
    private const ushort TagGroup = 0x08;

    public static byte[] ToExt4(byte[] value, string name, string path)
    {
        if (value.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(value) == Ext4Version)
        {
            return value;
        }

        if (value.Length < 4 || (value.Length - 4) % 8 != 0 || BinaryPrimitives.ReadUInt32LittleEndian(value) != VfsVersion)
        {
            throw new InvalidOperationException($"'{name}' of '{path}' is not a POSIX ACL in the xattr format (version 2 header, 8-byte entries).");
        }

        using var output = new MemoryStream();
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, Ext4Version);
        output.Write(word);
        for (var at = 4; at < value.Length; at += 8)
        {
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(value.AsSpan(at));
            output.Write(value.AsSpan(at, 4));
            if (tag is TagUser or TagGroup)
            {
                output.Write(value.AsSpan(at + 4, 4));
            }
        }

        return output.ToArray();
    }
}
