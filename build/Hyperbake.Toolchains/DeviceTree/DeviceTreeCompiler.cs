namespace Hyperbake.Toolchains.DeviceTree;

/// <summary>
/// Compiles device tree sources in the <c>dtc</c> toolchain: <c>cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp</c>
/// (the kernel's way, so #include and macros work), then <c>dtc -I dts -O dtb</c>. Overlays (<c>.dtso</c>)
/// become <c>.dtbo</c> with <c>dtc -@</c>. Errors name the user's file and line.
/// </summary>
public sealed class DeviceTreeCompiler(IToolchainRunner runner)
{
    public const string Toolchain = "dtc";
    private const string SourceMount = "/hyperbake/dts";
    private const string OutputMount = "/hyperbake/out";

    /// <summary>Compiles <paramref name="sourceFile"/> into <paramref name="outputDirectory"/>; returns the .dtb/.dtbo path.</summary>
    public string Compile(string sourceFile, string outputDirectory, DeviceTreeOptions? options = null)
    {
        options ??= new DeviceTreeOptions();
        sourceFile = Path.GetFullPath(sourceFile);
        if (!File.Exists(sourceFile))
        {
            throw new FileNotFoundException($"Device tree source '{sourceFile}' does not exist.", sourceFile);
        }

        var overlay = sourceFile.EndsWith(".dtso", StringComparison.Ordinal);
        var stem = Path.GetFileNameWithoutExtension(sourceFile);
        var outputName = stem + (overlay ? ".dtbo" : ".dtb");
        Directory.CreateDirectory(outputDirectory);

        // A private scratch output folder: the result is renamed into place only when complete.
        var scratch = Directory.CreateTempSubdirectory("hyperbake-dtc-").FullName;
        try
        {
            List<ToolchainMount> mounts = [ToolchainMount.Source(Path.GetDirectoryName(sourceFile)!, SourceMount), ToolchainMount.Output(scratch, OutputMount)];
            var includeFlags = new List<string>();
            for (var i = 0; i < options.IncludeDirectories.Count; i++)
            {
                var dir = Path.GetFullPath(options.IncludeDirectories[i]);
                if (!Directory.Exists(dir))
                {
                    throw new DirectoryNotFoundException($"Device tree include folder '{dir}' (for {sourceFile}) does not exist.");
                }

                var container = $"/hyperbake/include/{i}";
                mounts.Add(ToolchainMount.Source(dir, container));
                includeFlags.Add(container);
            }

            var source = $"{SourceMount}/{Path.GetFileName(sourceFile)}";
            var preprocessed = $"{OutputMount}/{stem}.pre.dts";
            var output = $"{OutputMount}/{outputName}";
            var cpp = new List<string> { "cpp", "-nostdinc", "-undef", "-D__DTS__", "-x", "assembler-with-cpp", "-I", SourceMount };
            foreach (var include in includeFlags)
            {
                cpp.AddRange(["-I", include]);
            }

            cpp.AddRange(options.Defines.Select(d => "-D" + d));
            cpp.AddRange(["-o", preprocessed, source]);
            var dtc = new List<string> { "dtc", "-I", "dts", "-O", "dtb", "-i", SourceMount };
            foreach (var include in includeFlags)
            {
                dtc.AddRange(["-i", include]);
            }

            if (overlay || options.Symbols)
            {
                dtc.Add("-@");
            }

            dtc.AddRange(["-o", output, preprocessed]);
            var script = string.Join(' ', cpp.Select(Shell)) + " && " + string.Join(' ', dtc.Select(Shell));
            var lines = new List<string>();
            var step = new ToolchainStep
            {
                Toolchain = Toolchain,
                Command = ["sh", "-c", script],
                Mounts = mounts,
                RequiredTools = ["cpp", "dtc"],
                Log = line =>
                {
                    lines.Add(line);
                    options.Log?.Invoke(line);
                },
            };

            try
            {
                runner.Run(step);
            }
            catch (ToolchainStepException e) when (e.ExitCode > 0)
            {
                string ToHost(string path) => HostPathOf(path, mounts);
                LineMarkers? Markers()
                {
                    var host = Path.Combine(scratch, stem + ".pre.dts");
                    return File.Exists(host) ? LineMarkers.Parse(File.ReadLines(host)) : null;
                }

                if (DeviceTreeDiagnostics.FindError(lines, ToHost, preprocessed, Markers) is { } error)
                {
                    throw new DeviceTreeException(error.File, error.Line, error.Detail, e);
                }

                throw;
            }

            var final = Path.Combine(outputDirectory, outputName);
            File.Move(Path.Combine(scratch, outputName), final, overwrite: true);
            return final;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string HostPathOf(string containerPath, IReadOnlyList<ToolchainMount> mounts)
    {
        foreach (var mount in mounts)
        {
            if (containerPath.StartsWith(mount.ContainerPath + "/", StringComparison.Ordinal))
            {
                return Path.Combine(mount.HostPath, containerPath[(mount.ContainerPath.Length + 1)..]);
            }
        }

        return containerPath;
    }

    private static string Shell(string argument) => "'" + argument.Replace("'", "'\\''") + "'";
}
