namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>Well-known GPT partition type GUIDs and the aliases a layout may use for them.</summary>
public static class GptTypes
{
    public static readonly Guid EfiSystem = new("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
    public static readonly Guid BiosBoot = new("21686148-6449-6E6F-744E-656564454649");
    public static readonly Guid MicrosoftBasicData = new("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");
    public static readonly Guid MicrosoftReserved = new("E3C9E316-0B5C-4DB8-817D-F92DF00215AE");
    public static readonly Guid LinuxFilesystem = new("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
    public static readonly Guid LinuxSwap = new("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F");
    public static readonly Guid LinuxLvm = new("E6D6D379-F507-44C2-A23C-238F2A3DF928");
    public static readonly Guid LinuxRaid = new("A19D880F-05FC-4D3B-A006-743F0F84911E");
    public static readonly Guid LinuxHome = new("933AC7E1-2EB4-4F13-B844-0E14E2AEF915");
    public static readonly Guid LinuxRootX86_64 = new("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709");
    public static readonly Guid LinuxRootArm64 = new("B921B045-1DF0-41C3-AF44-4C6F280D3FAE");
    public static readonly Guid LinuxRootRiscV64 = new("72EC70A6-CF74-40E6-BD49-4BDA08E8F224");
    public static readonly Guid LinuxUsrX86_64 = new("8484680C-9521-48C6-9C11-B0720656F69E");
    public static readonly Guid LinuxUsrArm64 = new("B0E01050-EE5F-4390-949A-9101B17104E9");

    /// <summary>CoreOS "Container Linux /usr": EVE's IMGA/IMGB/INSTALLER type, the one GRUB gptprio scans.</summary>
    public static readonly Guid CoreOsUsr = new("5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6");

    /// <summary>EVE's CONFIG partition.</summary>
    public static readonly Guid EveConfig = new("13307E62-CD9C-4920-8F9B-91B45828B798");

    /// <summary>EVE's persist (P3) partition.</summary>
    public static readonly Guid EvePersist = new("5F24425A-2DFA-11E8-A270-7B663FACCC2C");

    private static readonly Dictionary<string, Guid> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["esp"] = EfiSystem,
        ["efi"] = EfiSystem,
        ["efi-system"] = EfiSystem,
        ["bios-boot"] = BiosBoot,
        ["microsoft-basic-data"] = MicrosoftBasicData,
        ["basic-data"] = MicrosoftBasicData,
        ["msr"] = MicrosoftReserved,
        ["linux"] = LinuxFilesystem,
        ["linux-swap"] = LinuxSwap,
        ["swap"] = LinuxSwap,
        ["lvm"] = LinuxLvm,
        ["raid"] = LinuxRaid,
        ["linux-home"] = LinuxHome,
        ["linux-root-x86-64"] = LinuxRootX86_64,
        ["linux-root-amd64"] = LinuxRootX86_64,
        ["linux-root-arm64"] = LinuxRootArm64,
        ["linux-root-aarch64"] = LinuxRootArm64,
        ["linux-root-riscv64"] = LinuxRootRiscV64,
        ["linux-usr-x86-64"] = LinuxUsrX86_64,
        ["linux-usr-arm64"] = LinuxUsrArm64,
        ["coreos-usr"] = CoreOsUsr,
        ["eve-imga"] = CoreOsUsr,
        ["eve-config"] = EveConfig,
        ["eve-persist"] = EvePersist,

        // No type GUID is registered for Xen; its boot files live on a generic Linux data
        // partition (dom0less U-Boot boards) or on the ESP (UEFI), so "xen" means Linux data.
        ["xen"] = LinuxFilesystem,
    };

    /// <summary>The aliases accepted by <see cref="TryParse"/>, sorted.</summary>
    public static IEnumerable<string> AliasNames => Aliases.Keys.Order(StringComparer.Ordinal);

    /// <summary>Accepts an alias ("esp", "linux", …) or a GUID in any standard text form.</summary>
    public static bool TryParse(string text, out Guid type)
    {
        if (Aliases.TryGetValue(text.Trim(), out type))
        {
            return true;
        }

        return Guid.TryParse(text, out type);
    }
}
