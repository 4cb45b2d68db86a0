using Hyperbake.Toolchains.Processes;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// Makes a base image from Debian packages where no registry is reachable: <c>mmdebstrap --variant=minbase</c>
/// (or <c>debootstrap</c>) into a tarball, then <c>docker import</c>. Needs only the Debian mirror.
/// </summary>
public sealed class DebianBootstrap(DockerCli docker)
{
    /// <summary>The label a bootstrapped image carries (value: the suite), telling it from a pulled one.</summary>
    public const string ProvenanceLabel = "org.hyperbake.bootstrap";

    /// <summary>Bootstraps <paramref name="suite"/> from <paramref name="mirror"/> and imports it as <paramref name="tag"/>; returns the image id.</summary>
    public string BootstrapImage(string tag, string suite, string mirror, Action<string>? log = null, string? architecture = null)
    {
        var scratch = Directory.CreateTempSubdirectory("hyperbake-bootstrap-").FullName;
        try
        {
            var tarball = Path.Combine(scratch, "rootfs.tar");
            CreateTarball(tarball, suite, mirror, log, architecture, scratch);
            docker.Check(
                ["import", "--change", "CMD [\"/bin/bash\"]", "--change", "ENV LANG=C.UTF-8", "--change", $"LABEL {ProvenanceLabel}={suite}", tarball, tag],
                $"docker import of the {suite} base image",
                log,
                TimeSpan.FromMinutes(10));
            return docker.ImageId(tag) ?? throw new ToolchainStepException($"docker import reported success but image '{tag}' is not present.");
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
                // debootstrap trees may hold root-owned files; the OS cleans temp later.
            }
        }
    }

    private static void CreateTarball(string tarball, string suite, string mirror, Action<string>? log, string? architecture, string scratch)
    {
        var arch = architecture is null ? [] : new[] { "--architectures=" + architecture };
        if (HostTools.Find("mmdebstrap") is { } mmdebstrap)
        {
            // unshare mode needs no root; as root, root mode avoids needing user namespaces.
            var mode = UnixUser.Uid == 0 ? "root" : "unshare";
            Check(mmdebstrap, ["--variant=minbase", "--mode=" + mode, .. arch, suite, tarball, mirror], log);
            return;
        }

        if (HostTools.Find("debootstrap") is { } debootstrap)
        {
            var target = Path.Combine(scratch, "rootfs");
            Check(debootstrap, ["--variant=minbase", .. arch, suite, target, mirror], log);
            Check("tar", ["--numeric-owner", "-C", target, "-cf", tarball, "."], log);
            return;
        }

        throw new ToolchainStepException(
            "No Debian base image could be found, pulled or bootstrapped: neither mmdebstrap nor debootstrap is installed. " +
            "Install one (apt-get install mmdebstrap), or load a base image and set Toolchain_BaseImage.");
    }

    private static void Check(string program, string[] arguments, Action<string>? log)
    {
        var result = ProcessRunner.Run(program, arguments, log, timeout: TimeSpan.FromMinutes(30));
        if (result.ExitCode != 0)
        {
            throw new ToolchainStepException("debian-bootstrap", program + " " + string.Join(' ', arguments.Select(ProcessArguments.Quote)), result.ExitCode, result.LastLines);
        }
    }
}
