using Hyperbake.Boot.ImageBuilder.Config;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>The <c>-t</c> aliases and the root device derived from a load command.</summary>
public static class LoadCommands
{
    /// <summary><c>sd</c> → <c>load mmc 0:1</c>, <c>scsi</c> → <c>load scsi 0:1</c>, <c>usb</c> → <c>fatload usb 0:1</c>, <c>tftp</c> → <c>tftpb</c>; anything else as is.</summary>
    public static string Resolve(string option) => option switch
    {
        "sd" => "load mmc 0:1",
        "scsi" => "load scsi 0:1",
        "usb" => "fatload usb 0:1",
        "tftp" => "tftpb",
        _ => option,
    };

    /// <summary>
    /// ImageBuilder's find_root_dev: the device is the word before the last ':', the partition
    /// the text after the first ':' plus one; <c>mmc</c> gives /dev/mmcblkDpP, <c>scsi</c> /dev/sdXP.
    /// </summary>
    public static string RootDevice(string loadCmd, string variable)
    {
        var lastColon = loadCmd.LastIndexOf(':');
        var dev = lastColon >= 0 ? loadCmd[..lastColon] : loadCmd;
        var lastSpace = dev.LastIndexOf(' ');
        dev = lastSpace >= 0 ? dev[(lastSpace + 1)..] : dev;
        var firstColon = loadCmd.IndexOf(':', StringComparison.Ordinal);
        var parText = firstColon >= 0 ? loadCmd[(firstColon + 1)..] : loadCmd;
        if (dev.Length == 0 || parText.Length == 0)
        {
            throw new ImageBuilderException(
                $"Could not parse device and partition from LOAD_CMD \"{loadCmd}\" to set root= in {variable}. " +
                $"Make sure the load command looks like \"load mmc 0:1\", or put root=… in {variable}.");
        }

        if (!loadCmd.Contains("mmc", StringComparison.Ordinal) && !loadCmd.Contains("scsi", StringComparison.Ordinal))
        {
            throw new ImageBuilderException(
                $"Only mmc and scsi are supported for automatically setting the root partition. LOAD_CMD is \"{loadCmd}\". " +
                $"Set {variable} with root=<device> in the config to bypass this.");
        }

        long par;
        try
        {
            par = ShellArithmetic.Evaluate(parText) + 1;
        }
        catch (FormatException e)
        {
            throw new ImageBuilderException($"The partition '{parText}' in LOAD_CMD \"{loadCmd}\" is not a number ({e.Message}); set root= in {variable}.", e);
        }

        if (loadCmd.Contains("mmc", StringComparison.Ordinal))
        {
            return $"/dev/mmcblk{dev}p{par}";
        }

        if (!ShellArithmetic.TryEvaluate(dev, null, out var devNumber) || devNumber is < 0 or > 25)
        {
            throw new ImageBuilderException($"The SCSI device '{dev}' in LOAD_CMD \"{loadCmd}\" is not a number from 0 to 25; set root= in {variable}.");
        }

        return $"/dev/sd{(char)('a' + devNumber)}{par}";
    }
}
