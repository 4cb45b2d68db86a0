using System.Diagnostics;
using System.Text;

namespace Hyperbake.Boot.Qemu;

/// <summary>Starts QEMU: headless for boot tests (watching the serial console for markers), or interactive for <c>Run</c>.</summary>
public static class QemuRunner
{
    /// <summary>
    /// Boots headless, copies the serial console to <paramref name="serialLog"/> (and to
    /// <paramref name="onLine"/>), and stops the VM once every marker has appeared or the timeout passed.
    /// </summary>
    public static BootResult BootHeadless(QemuMachine machine, IReadOnlyList<string> markers, TimeSpan timeout, string serialLog, Action<string>? onLine = null)
    {
        var scratch = Directory.CreateTempSubdirectory("hyperbake-qemu-").FullName;
        var seen = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        try
        {
            var psi = new ProcessStartInfo(machine.Emulator)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var a in machine.Arguments(scratch, interactive: false))
            {
                psi.ArgumentList.Add(a);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(serialLog))!);
            using var log = new StreamWriter(serialLog, append: false, new UTF8Encoding(false));
            log.WriteLine("# " + machine.Emulator + " " + string.Join(' ', psi.ArgumentList));
            using var process = StartOrExplain(psi, machine.Emulator);
            var done = new TaskCompletionSource();
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stderr)
                    {
                        stderr.AppendLine(e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();
            var reader = Task.Run(() =>
            {
                var line = new StringBuilder();
                int c;
                while ((c = process.StandardOutput.Read()) >= 0)
                {
                    if (c == '\n')
                    {
                        var text = line.ToString().TrimEnd('\r');
                        line.Clear();
                        lock (log)
                        {
                            log.WriteLine(text);
                            log.Flush();
                        }

                        onLine?.Invoke(text);
                        foreach (var m in markers)
                        {
                            if (!seen.ContainsKey(m) && text.Contains(m, StringComparison.Ordinal))
                            {
                                seen[m] = clock.Elapsed;
                            }
                        }

                        if (markers.All(seen.ContainsKey))
                        {
                            done.TrySetResult();
                        }
                    }
                    else
                    {
                        line.Append((char)c);
                    }
                }

                done.TrySetResult();
            });
            done.Task.Wait(timeout);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            reader.Wait(TimeSpan.FromSeconds(5));
            lock (log)
            {
                lock (stderr)
                {
                    if (stderr.Length > 0)
                    {
                        log.WriteLine("# qemu stderr:");
                        log.Write(stderr.ToString());
                    }
                }
            }

            var missing = markers.Where(m => !seen.ContainsKey(m)).ToList();
            return new BootResult(missing.Count == 0, seen, missing, serialLog, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Boots with the serial console on this terminal (Ctrl-A X quits QEMU).</summary>
    public static int RunInteractive(QemuMachine machine)
    {
        var scratch = Directory.CreateTempSubdirectory("hyperbake-qemu-").FullName;
        try
        {
            var psi = new ProcessStartInfo(machine.Emulator) { UseShellExecute = false };
            foreach (var a in machine.Arguments(scratch, interactive: true))
            {
                psi.ArgumentList.Add(a);
            }

            using var process = StartOrExplain(psi, machine.Emulator);
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static Process StartOrExplain(ProcessStartInfo psi, string emulator)
    {
        try
        {
            return Process.Start(psi) ?? throw new InvalidOperationException($"{emulator} did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            var package = emulator.EndsWith("x86_64", StringComparison.Ordinal) ? "qemu-system-x86" : "qemu-system-arm";
            throw new InvalidOperationException($"{emulator} is not installed; install the Debian package '{package}'.");
        }
    }
}
