using Hyperbake.Boot.Grub;
using Hyperbake.Host;
using Hyperbake.Imaging.Trees;
using Hyperbake.Toolchains;

namespace Build.Stages.Live;

/// <summary>
/// The GRUB EFI binary: <c>grub-mkimage</c> run in the <c>grub</c> toolchain (or on the host) over
/// the modules of Debian's grub-efi-&lt;arch&gt;-bin from the feed, with an embedded config that
/// finds the stamp file and reads grub.cfg next to it.
/// </summary>
public static class GrubEfiStage
{
    public const string StampFile = "/EFI/BOOT/hyperbake.id";

    public static string Run(ICakeContext task, LiveBuild build, Func<IToolchainRunner> runner)
    {
        var platform = GrubModules.Platform(build.Arch);
        var output = GrubModules.RemovableBootFile(build.Arch);
        var package = build.Pinned(GrubModules.DebianPackage(build.Arch));
        var embedded = GrubConfig.Embedded(StampFile, "/EFI/BOOT");
        var fp = build.Cache.NewFingerprint($"GrubEfi/{build.Arch}")
            .Upstream(package.Name, package.Sha256)
            .Value("modules", string.Join(' ', GrubModules.Common))
            .Value("embedded.cfg", embedded)
            .Directory(Path.Combine(build.RootDirectory, "layers", "core", "toolchains", "grub"), "layers/core/toolchains/grub")
            .Value("toolchain", Caching.ToolchainIdentity.Of(build.ToolchainSettings, Path.Combine(build.RootDirectory, "layers"), "grub", "grub-mkimage", m => task.Log.Information("{0}", m)));
        var parts = Path.Combine(build.Dist, "parts", "grub");
        build.Cache.Run(task, fp, parts, [output], scratch =>
        {
            var modulesDir = Path.Combine(scratch, "modules");
            var tree = build.Feed.Extract(package);
            var source = tree.Find($"usr/lib/grub/{platform}") ?? throw new InvalidOperationException($"{package} has no usr/lib/grub/{platform}.");
            Directory.CreateDirectory(modulesDir);
            foreach (var (name, node) in source.Children!)
            {
                if (node.Kind == FileNodeKind.RegularFile)
                {
                    using var input = node.Content!.OpenRead();
                    using var file = File.Create(Path.Combine(modulesDir, name));
                    input.CopyTo(file);
                }
            }

            File.WriteAllText(Path.Combine(scratch, "embedded.cfg"), embedded);
            var outDir = Path.Combine(scratch, "out");
            Directory.CreateDirectory(outDir);
            runner().Run(new ToolchainStep
            {
                Toolchain = "grub",
                Command = ["grub-mkimage", "-O", platform, "-d", "/in/modules", "-p", "/EFI/BOOT", "-c", "/in/embedded.cfg", "-o", "/out/" + output, .. GrubModules.Common],
                Mounts = [ToolchainMount.Source(scratch, "/in"), ToolchainMount.Output(outDir, "/out")],
                RequiredTools = ["grub-mkimage"],
                Log = line => task.Log.Verbose("{0}", line),
            });
            File.Move(Path.Combine(outDir, output), Path.Combine(scratch, output));
        });
        return Path.Combine(parts, output);
    }
}
