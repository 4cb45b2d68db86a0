using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Disks;

/// <summary>Checks with the reference tools.</summary>
public static class DiskImageAssert
{
    public static byte[] ReadAt(string path, long offset, int length)
    {
        using var f = File.OpenRead(path);
        var buffer = new byte[length];
        f.Position = offset;
        f.ReadExactly(buffer);
        return buffer;
    }

    public static void SgdiskClean(string path)
    {
        var r = ExternalTool.Run("sgdisk", "-v", path);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Contain("No problems found", r.Output);
    }

    public static void QemuCheckAndCompare(string raw, string image, string format)
    {
        var check = ExternalTool.Run("qemu-img", "check", "-f", format, image);
        check.ExitCode.Should().Be(0, check.Output);
        check.Output.Should().Contain("No errors were found", check.Output);
        var compare = ExternalTool.Run("qemu-img", "compare", "-f", "raw", "-F", format, raw, image);
        compare.ExitCode.Should().Be(0, compare.Output);
        compare.Output.Should().Contain("Images are identical", compare.Output);
    }

    public static long AllocatedBytes(string path)
    {
        // stat's %b × %B: the blocks the file really occupies.
        var r = ExternalTool.Check("stat", "-c", "%b %B", path);
        var parts = r.StdOut.Trim().Split(' ');
        return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
