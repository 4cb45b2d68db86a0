using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>The RRIP 1.12 entries: PX (mode, links, owner, inode), PN (device), SL (symlink), NM (name), TF (times).</summary>
internal static class RockRidgeEntries
{
    /// <summary>RRIP 4.1.3 "NM" and 4.1.3.1 "SL" flag: the value goes on in the next entry or component.</summary>
    public const byte Continue = 0x01;

    private const byte SymlinkCurrent = 0x02;
    private const byte SymlinkParent = 0x04;
    private const byte SymlinkRoot = 0x08;

    /// <summary>TF flags: modify, access and attribute-change times, in that order; 0x80 selects the 17-byte form.</summary>
    private const byte TimestampsRecorded = 0x02 | 0x04 | 0x08;
    private const byte LongTimestampForm = 0x80;

    /// <summary>NM/SL payload per entry: the 255-byte entry minus the 5-byte header.</summary>
    private const int MaxNamePerEntry = SuspEntry.MaxLength - 5;

    /// <summary>Room for one SL component record's text (entry payload minus the record's two header bytes).</summary>
    private const int MaxComponentText = MaxNamePerEntry - 2;

    /// <summary>RRIP 4.1.1 "PX": st_mode, st_nlink, st_uid, st_gid, st_ino (44 bytes).</summary>
    public static byte[] PosixAttributes(int mode, long links, long uid, long gid, long serial)
    {
        var e = SuspEntry.Create("PX"u8, 40);
        IsoBinary.WriteBoth32(e.AsSpan(4), (uint)mode);
        IsoBinary.WriteBoth32(e.AsSpan(12), links);
        IsoBinary.WriteBoth32(e.AsSpan(20), (uint)uid);
        IsoBinary.WriteBoth32(e.AsSpan(28), (uint)gid);
        IsoBinary.WriteBoth32(e.AsSpan(36), serial);
        return e;
    }

    /// <summary>
    /// RRIP 4.1.2 "PN": the device number. Recorded as libisofs does, as the two 32-bit halves of
    /// glibc's 64-bit dev_t, so xorriso reads it back exactly; for majors below 4096 and minors
    /// below 256 the low half is also the old 16-bit form the Linux kernel decodes.
    /// </summary>
    public static byte[] DeviceNumber(int major, int minor)
    {
        var m = (ulong)(uint)major;
        var n = (ulong)(uint)minor;
        var dev = ((m & 0xFFFFF000UL) << 32) | ((m & 0xFFFUL) << 8) | ((n & 0xFFFFFF00UL) << 12) | (n & 0xFFUL);
        var e = SuspEntry.Create("PN"u8, 16);
        IsoBinary.WriteBoth32(e.AsSpan(4), (long)(dev >> 32));
        IsoBinary.WriteBoth32(e.AsSpan(12), (long)(dev & 0xFFFFFFFFUL));
        return e;
    }

    /// <summary>RRIP 4.1.6 "TF": modify, access and change times, all from the node's mtime.</summary>
    public static byte[] Timestamps(long unixSeconds)
    {
        var shortForm = IsoDates.FitsRecordDate(unixSeconds);
        var size = shortForm ? IsoDates.RecordDateLength : IsoDates.VolumeDateLength;
        var e = SuspEntry.Create("TF"u8, 1 + 3 * size);
        e[4] = shortForm ? TimestampsRecorded : (byte)(TimestampsRecorded | LongTimestampForm);
        for (var i = 0; i < 3; i++)
        {
            var field = e.AsSpan(5 + i * size, size);
            if (shortForm)
            {
                IsoDates.WriteRecordDate(field, unixSeconds);
            }
            else
            {
                IsoDates.WriteVolumeDate(field, unixSeconds);
            }
        }

        return e;
    }

    /// <summary>RRIP 4.1.4 "NM": the POSIX name in UTF-8, split over entries (flag Continue) when longer than one can hold.</summary>
    public static IEnumerable<byte[]> AlternateName(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        var offset = 0;
        do
        {
            var chunk = Math.Min(MaxNamePerEntry, bytes.Length - offset);
            var e = SuspEntry.Create("NM"u8, 1 + chunk);
            e[4] = offset + chunk < bytes.Length ? Continue : (byte)0;
            bytes.AsSpan(offset, chunk).CopyTo(e.AsSpan(5));
            offset += chunk;
            yield return e;
        }
        while (offset < bytes.Length);
    }

    /// <summary>
    /// RRIP 4.1.3 "SL": the target as component records ("/" root, ".", "..", names). A component
    /// too long for one record continues in the next (component flag Continue); entries are cut
    /// between records and all but the last carry the entry flag Continue.
    /// </summary>
    public static IEnumerable<byte[]> SymbolicLink(string target)
    {
        var records = new List<byte[]>();
        if (target.StartsWith('/'))
        {
            records.Add([SymlinkRoot, 0]);
        }

        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                records.Add([SymlinkCurrent, 0]);
            }
            else if (part == "..")
            {
                records.Add([SymlinkParent, 0]);
            }
            else
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(part);
                for (var offset = 0; offset < bytes.Length; offset += MaxComponentText)
                {
                    var chunk = Math.Min(MaxComponentText, bytes.Length - offset);
                    var record = new byte[2 + chunk];
                    record[0] = offset + chunk < bytes.Length ? Continue : (byte)0;
                    record[1] = (byte)chunk;
                    bytes.AsSpan(offset, chunk).CopyTo(record.AsSpan(2));
                    records.Add(record);
                }
            }
        }

        var entries = new List<List<byte[]>> { new() };
        var used = 0;
        foreach (var record in records)
        {
            if (used + record.Length > MaxNamePerEntry)
            {
                entries.Add([]);
                used = 0;
            }

            entries[^1].Add(record);
            used += record.Length;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var payload = entries[i].Sum(r => r.Length);
            var e = SuspEntry.Create("SL"u8, 1 + payload);
            e[4] = i < entries.Count - 1 ? Continue : (byte)0;
            var at = 5;
            foreach (var record in entries[i])
            {
                record.CopyTo(e, at);
                at += record.Length;
            }

            yield return e;
        }
    }
}
