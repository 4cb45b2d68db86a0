using System.Text;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Partitions.Mbr;

namespace Hyperbake.Imaging.Disks;

/// <summary>
/// A disk as the user describes it: the table type, identifiers, alignment, size and partitions.
/// <see cref="ComputeLayout"/> places everything and checks it (before a byte is written), and
/// <see cref="DiskWriter"/> streams the result into a raw, qcow2, VHDX, VDI or VMDK file.
/// </summary>
/// <example>
/// <code>
/// var layout = new DiskLayout(PartitionTableType.Gpt)
/// {
///     DiskGuid = new Guid("ad6871ee-31f9-4cf3-9e09-6f7a25c30050"),
///     Partitions =
///     {
///         new PartitionSpec("EFI System", "esp", 36 * ByteSize.MiB, fatBuilder) { Bootable = true },
///         new PartitionSpec("IMGA", GptTypes.CoreOsUsr, 300 * ByteSize.MiB, new HostFileContent("rootfs.img")) { Number = 2 },
///     },
/// };
/// DiskWriter.Write(layout.ComputeLayout(), "live.qcow2", DiskFormat.Qcow2);
/// </code>
/// </example>
public sealed class DiskLayout(PartitionTableType tableType)
{
    public const int SectorSize = 512;

    public PartitionTableType TableType { get; } = tableType;

    /// <summary>The GPT disk GUID; null = derived from <see cref="Seed"/>.</summary>
    public Guid? DiskGuid { get; init; }

    /// <summary>The MBR disk signature (MBR tables); null = derived from <see cref="Seed"/>.</summary>
    public uint? DiskSignature { get; init; }

    /// <summary>
    /// The input every derived identifier is hashed from (disk GUID, partition GUIDs, container
    /// GUIDs). Null = a canonical description of the layout (table type, names, types, sizes),
    /// so identical layouts get identical identifiers.
    /// </summary>
    public string? Seed { get; init; }

    /// <summary>Partition starts are multiples of this (bytes, a multiple of 512). Default 1 MiB.</summary>
    public long Alignment { get; init; } = ByteSize.MiB;

    /// <summary>The disk size in bytes; null = just enough for the partitions and the backup GPT, rounded up to the alignment.</summary>
    public long? TotalSize { get; init; }

    /// <summary>Extra bytes added when the size is computed (EVE's <c>-C</c> adds 10 MiB).</summary>
    public long Slack { get; init; }

    /// <summary>Hybrid tables: put the 0xEE entry in slot 1 instead of after the mirrored partitions.</summary>
    public bool HybridProtectiveEntryFirst { get; init; }

    /// <summary>Up to 440 bytes of MBR boot code (MBR and hybrid tables, or the protective MBR).</summary>
    public ReadOnlyMemory<byte> BootCode { get; init; }

    /// <summary>The partitions in on-disk order.</summary>
    public List<PartitionSpec> Partitions { get; init; } = [];

    /// <summary>Places the partitions and checks the layout; throws <see cref="DiskLayoutException"/> naming what is wrong.</summary>
    public DiskPlan ComputeLayout()
    {
        var gpt = TableType != PartitionTableType.Mbr;
        if (Alignment <= 0 || Alignment % SectorSize != 0)
        {
            throw new DiskLayoutException($"The disk alignment is {ByteSize.Bytes(Alignment)}; it must be a positive multiple of the {SectorSize}-byte sector (e.g. 1 MiB).");
        }

        var maxPartitions = gpt ? GptPartitionTable.EntryCount : MasterBootRecord.MaxEntries;
        if (Partitions.Count > maxPartitions)
        {
            throw new DiskLayoutException($"The layout has {Partitions.Count} partitions; a {TableType} table holds at most {maxPartitions}. Remove some.");
        }

        var numbers = AssignNumbers(maxPartitions);
        var seed = Seed ?? CanonicalDescription();

        // Bytes reserved at each end for the tables.
        long head = gpt ? GptPartitionTable.FirstUsableLba * SectorSize : SectorSize;
        long tail = gpt ? (GptPartitionTable.EntryArraySectors + 1) * SectorSize : 0;

        var growIndex = -1;
        for (var i = 0; i < Partitions.Count; i++)
        {
            var p = Partitions[i];
            CheckSpec(p, gpt);
            if (p.Grow)
            {
                if (growIndex >= 0)
                {
                    throw new DiskLayoutException(
                        $"Partitions '{Partitions[growIndex].Name}' and '{p.Name}' both grow to fill the disk; only the last partition may grow. Give '{Partitions[growIndex].Name}' a Size.");
                }

                growIndex = i;
            }
        }

        if (growIndex >= 0 && growIndex != Partitions.Count - 1)
        {
            throw new DiskLayoutException(
                $"Partition '{Partitions[growIndex].Name}' grows to fill the disk but is not the last partition; only the last may grow. Move it to the end or give it a Size.");
        }

        if (growIndex >= 0 && TotalSize is null)
        {
            throw new DiskLayoutException(
                $"Partition '{Partitions[growIndex].Name}' grows to fill the disk, but the disk has no TotalSize. Set DiskLayout.TotalSize, or give the partition a Size.");
        }

        // Place the partitions in order.
        var starts = new long[Partitions.Count];
        var sizes = new long[Partitions.Count];
        var position = head;
        for (var i = 0; i < Partitions.Count; i++)
        {
            var p = Partitions[i];
            var start = p.Start ?? ByteSize.AlignUp(position, Alignment);
            if (p.Start is { } fixedStart)
            {
                if (fixedStart % Alignment != 0)
                {
                    throw new DiskLayoutException(
                        $"Partition '{p.Name}' starts at {ByteSize.Bytes(fixedStart)}, which is not a multiple of the {ByteSize.Describe(Alignment)} alignment. Use {ByteSize.Bytes(ByteSize.AlignUp(fixedStart, Alignment))} or change DiskLayout.Alignment.");
                }

                if (fixedStart < position)
                {
                    var what = i == 0 ? "the partition table" : $"partition '{Partitions[i - 1].Name}'";
                    throw new DiskLayoutException(
                        $"Partition '{p.Name}' starts at {ByteSize.Bytes(fixedStart)}, inside {what}, which ends at {ByteSize.Bytes(position)}. Move it to at least {ByteSize.Bytes(ByteSize.AlignUp(position, Alignment))}.");
                }
            }

            starts[i] = start;
            sizes[i] = p.Grow ? 0 : p.Size ?? ByteSize.AlignUp(p.Content.Length, Alignment);
            position = start + sizes[i];
        }

        // The disk size: given, or just enough.
        var needed = position + tail;
        long total;
        if (TotalSize is { } given)
        {
            if (given % SectorSize != 0)
            {
                throw new DiskLayoutException($"The disk size {ByteSize.Bytes(given)} is not a multiple of the {SectorSize}-byte sector. Use {ByteSize.Bytes(ByteSize.AlignUp(given, SectorSize))}.");
            }

            total = given;
        }
        else
        {
            total = ByteSize.AlignUp(needed + Slack, Alignment);
        }

        if (growIndex >= 0)
        {
            var p = Partitions[growIndex];
            var end = total - tail;
            sizes[growIndex] = Math.Max(0, end - starts[growIndex]);
            var minimum = Math.Max(SectorSize, p.Content.Length);
            if (sizes[growIndex] < minimum)
            {
                throw new DiskLayoutException(
                    $"Partition '{p.Name}' grows to fill the disk, but only {ByteSize.Bytes(sizes[growIndex])} are left for it and it needs {ByteSize.Bytes(minimum)}; the disk is {ByteSize.Describe(total)}. Increase DiskLayout.TotalSize to at least {ByteSize.Bytes(ByteSize.AlignUp(starts[growIndex] + minimum + tail, Alignment))}.");
            }

            needed = starts[growIndex] + sizes[growIndex] + tail;
        }

        if (needed > total)
        {
            throw new DiskLayoutException(
                $"The partitions need {ByteSize.Bytes(needed)} (including the partition tables) but the disk is {ByteSize.Describe(total)}. Increase DiskLayout.TotalSize to at least {ByteSize.Bytes(ByteSize.AlignUp(needed, Alignment))}.");
        }

        var planned = new List<PlannedPartition>();
        for (var i = 0; i < Partitions.Count; i++)
        {
            var p = Partitions[i];
            if (p.Content.Length > sizes[i])
            {
                throw new DiskLayoutException(
                    $"Partition '{p.Name}' content is {ByteSize.Bytes(p.Content.Length)} but the partition is {ByteSize.Describe(sizes[i])}; increase its size.");
            }

            if (sizes[i] == 0)
            {
                throw new DiskLayoutException($"Partition '{p.Name}' has no size and no content. Give it a Size, content, or Grow = true.");
            }

            if (!gpt && (starts[i] / SectorSize > uint.MaxValue || sizes[i] / SectorSize > uint.MaxValue))
            {
                throw new DiskLayoutException($"Partition '{p.Name}' lies beyond the 2 TiB an MBR can address. Use a GPT table.");
            }

            planned.Add(new PlannedPartition
            {
                Spec = p,
                Number = numbers[i],
                Offset = starts[i],
                Size = sizes[i],
                TypeGuid = gpt ? p.Type.Gpt : null,
                UniqueGuid = gpt ? p.UniqueGuid ?? GuidDerivation.Derive(seed, $"partition/{numbers[i]}/{p.Name}") : null,
                MbrType = !gpt || (TableType == PartitionTableType.Hybrid && p.InHybridMbr) ? p.MbrType ?? p.Type.MbrOrMirror : null,
                Attributes = gpt ? p.Attributes | (p.Bootable ? GptAttributes.LegacyBiosBootable : 0) : 0,
            });
        }

        CheckHybrid(planned);
        var diskGuid = gpt ? DiskGuid ?? GuidDerivation.Derive(seed, "disk") : (Guid?)null;
        var signature = DiskSignature ?? (TableType == PartitionTableType.Gpt ? 0u : BitConverter.ToUInt32(GuidDerivation.Derive(seed, "mbr-signature").ToByteArray()));
        return new DiskPlan(this, total, diskGuid, signature, seed, planned);
    }

    private void CheckSpec(PartitionSpec p, bool gpt)
    {
        if (gpt)
        {
            if (p.Name.Length > GptPartitionEntry.MaxNameLength)
            {
                throw new DiskLayoutException(
                    $"Partition name '{p.Name}' is {p.Name.Length} UTF-16 code units; a GPT entry holds at most {GptPartitionEntry.MaxNameLength}. Shorten the name.");
            }

            if (p.Type.Gpt is null)
            {
                throw new DiskLayoutException($"Partition '{p.Name}' has MBR type {p.Type} but the table is GPT. Give a type GUID or an alias such as \"linux\" or \"esp\".");
            }
        }
        else if ((p.MbrType ?? p.Type.Mbr) is null)
        {
            throw new DiskLayoutException($"Partition '{p.Name}' has GPT type {p.Type}, which has no MBR equivalent. Set MbrType (e.g. 0x83) or use an alias such as \"linux\".");
        }

        if (p.Size is { } size && (size <= 0 || size % SectorSize != 0))
        {
            throw new DiskLayoutException(
                $"Partition '{p.Name}' has size {ByteSize.Bytes(size)}, which is not a positive multiple of the {SectorSize}-byte sector. Use {ByteSize.Bytes(Math.Max(SectorSize, ByteSize.AlignUp(size, SectorSize)))}.");
        }

        if (p.Grow && p.Size is not null)
        {
            throw new DiskLayoutException($"Partition '{p.Name}' has both a Size and Grow = true. Choose one.");
        }

        if (p.InHybridMbr && TableType != PartitionTableType.Hybrid)
        {
            throw new DiskLayoutException($"Partition '{p.Name}' asks to be mirrored in a hybrid MBR, but the table is {TableType}. Use PartitionTableType.Hybrid.");
        }
    }

    private void CheckHybrid(List<PlannedPartition> planned)
    {
        if (TableType != PartitionTableType.Hybrid)
        {
            return;
        }

        var mirrored = planned.Where(p => p.Spec.InHybridMbr).ToList();
        if (mirrored.Count is 0 or > 3)
        {
            throw new DiskLayoutException(
                $"A hybrid MBR mirrors 1 to 3 GPT partitions next to its 0xEE entry; {mirrored.Count} have InHybridMbr = true ({string.Join(", ", mirrored.Select(p => $"'{p.Name}'"))}).");
        }

        foreach (var p in mirrored)
        {
            if (p.MbrType is null)
            {
                throw new DiskLayoutException($"Partition '{p.Name}' is mirrored in the hybrid MBR but its type {p.Spec.Type} has no MBR byte. Set MbrType (e.g. 0x0C or 0x83).");
            }

            if (p.LastLba > uint.MaxValue)
            {
                throw new DiskLayoutException($"Partition '{p.Name}' lies beyond the 2 TiB an MBR can address, so it cannot be mirrored in the hybrid MBR.");
            }
        }
    }

    private int[] AssignNumbers(int max)
    {
        var numbers = new int[Partitions.Count];
        var used = new Dictionary<int, string>();
        for (var i = 0; i < Partitions.Count; i++)
        {
            if (Partitions[i].Number is not { } n)
            {
                continue;
            }

            if (n < 1 || n > max)
            {
                throw new DiskLayoutException($"Partition '{Partitions[i].Name}' has number {n}; a {TableType} table has slots 1..{max}.");
            }

            if (!used.TryAdd(n, Partitions[i].Name))
            {
                throw new DiskLayoutException($"Partitions '{used[n]}' and '{Partitions[i].Name}' both ask for number {n}. Give each a distinct Number.");
            }

            numbers[i] = n;
        }

        var next = 1;
        for (var i = 0; i < Partitions.Count; i++)
        {
            if (numbers[i] != 0)
            {
                continue;
            }

            while (used.ContainsKey(next))
            {
                next++;
            }

            numbers[i] = next;
            used[next] = Partitions[i].Name;
        }

        return numbers;
    }

    private string CanonicalDescription()
    {
        var sb = new StringBuilder("hyperbake-disk\n").Append(TableType).Append('\n');
        foreach (var p in Partitions)
        {
            sb.Append(p.Number).Append('|').Append(p.Name).Append('|').Append(p.Type).Append('|').Append(p.Size).Append('|').Append(p.Grow).Append('\n');
        }

        return sb.Append(TotalSize).ToString();
    }
}
