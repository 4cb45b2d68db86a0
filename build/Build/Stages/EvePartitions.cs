namespace Build.Stages;

/// <summary>
/// EVE's fixed GPT identifiers (make-raw): partition numbers, names, type GUIDs and unique GUIDs,
/// so tools that know EVE (storage-init, the installer, GRUB's gptprio) find the partitions.
/// </summary>
public static class EvePartitions
{
    public static readonly Guid DiskGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30050");

    public static readonly Guid EfiSystemType = Guid.Parse("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");

    /// <summary>CoreOS "/usr" type: the one GRUB gptprio looks at, used by EVE for every arch.</summary>
    public static readonly Guid RootfsType = Guid.Parse("5dfbf5f4-2848-4bac-aa5e-0d9a20b745a6");

    public static readonly Guid ConfigType = Guid.Parse("13307e62-cd9c-4920-8f9b-91b45828b798");

    public static readonly Guid PersistType = Guid.Parse("5f24425a-2dfa-11e8-a270-7b663faccc2c");

    /// <summary>Microsoft basic data: the installer's CONFIG, so Windows users can edit it (conf_win).</summary>
    public static readonly Guid WindowsDataType = Guid.Parse("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");

    public static readonly Guid EfiGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30051");
    public static readonly Guid ImgAGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30052");
    public static readonly Guid ImgBGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30053");
    public static readonly Guid ConfigGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30054");
    public static readonly Guid PersistGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30059");
    public static readonly Guid InstallerGuid = Guid.Parse("ad6871ee-31f9-4cf3-9e09-6f7a25c30060");

    public const int EfiNumber = 1;
    public const int ImgANumber = 2;
    public const int ImgBNumber = 3;
    public const int ConfigNumber = 4;
    public const int InstallerNumber = 6;
    public const int PersistNumber = 9;

    /// <summary>Legacy BIOS bootable (bit 2), as make-raw sets on the ESP.</summary>
    public const ulong EfiAttributes = 1UL << 2;

    /// <summary>gptprio: priority 2 (bits 48-51) and successful (bit 56), as make-raw sets on IMGA and INSTALLER.</summary>
    public const ulong ActiveRootAttributes = (2UL << 48) | (1UL << 56);
}
