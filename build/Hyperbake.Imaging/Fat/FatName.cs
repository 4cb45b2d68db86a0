namespace Hyperbake.Imaging.Fat;

/// <summary>How one name is stored in a FAT directory: its 11-byte short name, NT case flags, and whether long-name entries precede it.</summary>
public sealed record FatName(string Name, byte[] ShortName, byte CaseFlags, bool HasLongName)
{
    /// <summary>Directory slots the name takes: the short entry plus its long-name entries.</summary>
    public int SlotCount => 1 + (HasLongName ? FatLongNameEntry.EntryCount(Name) : 0);

    public string ShortNameText => System.Text.Encoding.ASCII.GetString(ShortName);
}
