using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>The SUSP entries this writer records: SP, ER and CE from SUSP 1.12.</summary>
internal static class SuspEntries
{
    /// <summary>CE is always 28 bytes, so space for it can be reserved before its target is known.</summary>
    public const int ContinuationLength = 28;

    private const string RockRidgeIdentifier = "RRIP_1991A";
    private const string RockRidgeDescriptor = "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    private const string RockRidgeSource = "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    /// <summary>SUSP 5.3 "SP": marks SUSP use; first entry of the root's "." record; check bytes BE EF, skip 0.</summary>
    public static byte[] SharingProtocolIndicator()
    {
        var e = SuspEntry.Create("SP"u8, 3);
        e[SuspEntry.Data] = 0xBE;
        e[SuspEntry.Data + 1] = 0xEF;
        return e;
    }

    /// <summary>
    /// SUSP 5.5 "ER": names the extension in use. The identifier is the one Linux, xorriso and
    /// mkisofs write for Rock Ridge; the entries themselves follow RRIP 1.12 (PX carries the inode).
    /// </summary>
    public static byte[] ExtensionsReference()
    {
        var id = System.Text.Encoding.ASCII.GetBytes(RockRidgeIdentifier);
        var descriptor = System.Text.Encoding.ASCII.GetBytes(RockRidgeDescriptor);
        var source = System.Text.Encoding.ASCII.GetBytes(RockRidgeSource);
        var e = SuspEntry.Create("ER"u8, 4 + id.Length + descriptor.Length + source.Length);
        var d = SuspEntry.Data;
        e[d] = (byte)id.Length;
        e[d + 1] = (byte)descriptor.Length;
        e[d + 2] = (byte)source.Length;
        e[d + 3] = 1;
        id.CopyTo(e, d + 4);
        descriptor.CopyTo(e, d + 4 + id.Length);
        source.CopyTo(e, d + 4 + id.Length + descriptor.Length);
        return e;
    }

    /// <summary>SUSP 5.1 "CE": where the rest of the entries continue (block, offset in it, length).</summary>
    public static void WriteContinuation(Span<byte> destination, long block, int offset, int length)
    {
        "CE"u8.CopyTo(destination);
        destination[SuspEntry.Length] = ContinuationLength;
        destination[SuspEntry.Version] = 1;
        IsoBinary.WriteBoth32(destination[4..], block);
        IsoBinary.WriteBoth32(destination[12..], offset);
        IsoBinary.WriteBoth32(destination[20..], length);
    }
}
