using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hyperbake.Imaging.VirtualDisks.Vmdk;

/// <summary>The text descriptor embedded in a single-file VMDK.</summary>
public static class VmdkDescriptor
{
    /// <summary>The sectors reserved for the descriptor (10 KiB), as VMware tools reserve.</summary>
    public const int ReservedSectors = 20;

    /// <summary>
    /// Builds the descriptor. It must start with "# Disk DescriptorFile" (VirtualBox checks),
    /// and the extent line names the file itself.
    /// </summary>
    public static byte[] Build(string createType, long capacitySectors, string fileName, string seed)
    {
        // The content ID is any 32-bit value; derived so output is reproducible.
        var cid = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\0vmdk/cid")), 0);
        var cylinders = Math.Min(capacitySectors / (16 * 63), 16383);
        var text = new StringBuilder()
            .Append("# Disk DescriptorFile\n")
            .Append("version=1\n")
            .Append(CultureInfo.InvariantCulture, $"CID={cid:x8}\n")
            .Append("parentCID=ffffffff\n")
            .Append(CultureInfo.InvariantCulture, $"createType=\"{createType}\"\n")
            .Append('\n')
            .Append("# Extent description\n")
            .Append(CultureInfo.InvariantCulture, $"RW {capacitySectors} SPARSE \"{fileName}\"\n")
            .Append('\n')
            .Append("# The Disk Data Base\n")
            .Append("#DDB\n")
            .Append('\n')
            .Append("ddb.virtualHWVersion = \"4\"\n")
            .Append(CultureInfo.InvariantCulture, $"ddb.geometry.cylinders = \"{cylinders}\"\n")
            .Append("ddb.geometry.heads = \"16\"\n")
            .Append("ddb.geometry.sectors = \"63\"\n")
            .Append("ddb.adapterType = \"ide\"\n")
            .ToString();
        var bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length > ReservedSectors * 512)
        {
            throw new ArgumentException($"The VMDK file name '{fileName}' makes the descriptor longer than {ReservedSectors * 512} bytes.");
        }

        return bytes;
    }
}
