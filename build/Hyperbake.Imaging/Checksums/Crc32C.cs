namespace Hyperbake.Imaging.Checksums;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): ext4 metadata_csum, VHDX.
/// ext4 uses the raw register (<see cref="Update"/>) seeded with ~0 and no final inversion.
/// </summary>
public static class Crc32C
{
    private static readonly uint[][] Tables = Crc32.BuildTables(0x82F63B78u);

    /// <summary>The standard CRC-32C of a buffer (initial ~0, final inversion), as VHDX uses.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(~0u, data);

    /// <summary>The raw register update without inversions (ext4's <c>ext4_chksum</c>).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data) =>
        System.Runtime.Intrinsics.X86.Sse42.X64.IsSupported ? UpdateHardware(crc, data) : Crc32.Update(Tables, crc, data);

    private static uint UpdateHardware(uint crc, ReadOnlySpan<byte> data)
    {
        ulong c = crc;
        var i = 0;
        while (data.Length - i >= 8)
        {
            c = System.Runtime.Intrinsics.X86.Sse42.X64.Crc32(c, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
            i += 8;
        }

        var c32 = (uint)c;
        for (; i < data.Length; i++)
        {
            c32 = System.Runtime.Intrinsics.X86.Sse42.Crc32(c32, data[i]);
        }

        return c32;
    }
}
