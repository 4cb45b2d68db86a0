using System.Diagnostics;

namespace Hyperbake.Toolchains.Debian;

/// <summary>Decompresses through a host program (<c>zstd -dc</c>) for the formats with no in-process decoder.</summary>
internal static class HostDecompressor
{
    public static Stream Open(string program, Stream compressed, string origin)
    {
        var path = HostTools.Find(program) ?? throw new InvalidOperationException(
            $"{origin} is compressed with {program}, which needs the host's '{program}' program: apt-get install {program}.");
        var psi = new ProcessStartInfo(path, ["-dc"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi)!;
        _ = Task.Run(() =>
        {
            try
            {
                compressed.CopyTo(process.StandardInput.BaseStream);
            }
            catch (IOException)
            {
                // The reader stopped early; the process is ending.
            }
            finally
            {
                process.StandardInput.Close();
                compressed.Dispose();
            }
        });
        return process.StandardOutput.BaseStream;
    }
}
