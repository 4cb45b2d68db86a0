namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>Rejects options that cannot be recorded, before any work, with the value and the fix.</summary>
internal static class IsoOptionsValidator
{
    private const int VolumeIdentifierLength = 32;
    private const int LongIdentifierLength = 128;

    public static void Validate(IsoOptions options)
    {
        if (string.IsNullOrEmpty(options.VolumeLabel) || options.VolumeLabel.Length > VolumeIdentifierLength)
        {
            throw new IsoBuildException(
                $"Volume label '{options.VolumeLabel}' must be 1 to {VolumeIdentifierLength} characters (ISO 9660 volume identifier). Shorten it.");
        }

        Check("SystemIdentifier", options.SystemIdentifier, VolumeIdentifierLength);
        Check("PublisherIdentifier", options.PublisherIdentifier, LongIdentifierLength);
        Check("DataPreparerIdentifier", options.DataPreparerIdentifier, LongIdentifierLength);
        Check("ApplicationIdentifier", options.ApplicationIdentifier, LongIdentifierLength);
        if (options.ElTorito is { } boot)
        {
            if (boot.BiosLoadSectors is < 1 or > ushort.MaxValue)
            {
                throw new IsoBuildException($"BiosLoadSectors {boot.BiosLoadSectors} is out of range; give 1..65535 512-byte sectors (4 for isolinux and GRUB).");
            }

            if (boot.BiosBootInfoTable && !boot.HasBios)
            {
                throw new IsoBuildException("BiosBootInfoTable is set but there is no BIOS boot image. Give BiosImage or BiosImagePath, or turn the table off.");
            }
        }
    }

    private static void Check(string name, string value, int limit)
    {
        if (value.Length > limit)
        {
            throw new IsoBuildException($"{name} '{value}' is {value.Length} characters; the volume descriptor holds {limit}. Shorten it.");
        }
    }
}
