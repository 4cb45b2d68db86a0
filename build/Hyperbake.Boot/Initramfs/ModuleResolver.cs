using Hyperbake.Imaging.Trees;

namespace Hyperbake.Boot.Initramfs;

/// <summary>
/// Finds modules in a kernel's <c>lib/modules/&lt;version&gt;</c> tree and orders a request with all
/// its dependencies first, the order insmod needs (it does not resolve dependencies itself).
/// </summary>
public sealed class ModuleResolver
{
    private readonly Dictionary<string, (string Path, FileNode Node)> _modules = new(StringComparer.Ordinal);

    public ModuleResolver(FileTree kernelTree, string kernelVersion)
    {
        var prefix = $"lib/modules/{kernelVersion}/";
        foreach (var entry in kernelTree.Walk())
        {
            if (entry.Node.Kind == FileNodeKind.RegularFile && entry.Path.StartsWith(prefix, StringComparison.Ordinal) && entry.Name.Contains(".ko", StringComparison.Ordinal))
            {
                _modules.TryAdd(KernelModule.NameOf(entry.Name), (entry.Path, entry.Node));
            }
        }

        KernelVersion = kernelVersion;
        if (kernelTree.Find(prefix + "modules.builtin") is { Content: { } builtin })
        {
            using var reader = new StreamReader(builtin.OpenRead());
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    _builtIn.Add(KernelModule.NameOf(line));
                }
            }
        }
    }

    private readonly HashSet<string> _builtIn = new(StringComparer.Ordinal);

    public string KernelVersion { get; }

    /// <summary>The requested modules and their dependencies, each once, dependencies before dependents.</summary>
    /// <remarks>A module the kernel has built in (listed in modules.builtin) is skipped: it is already there.</remarks>
    public IReadOnlyList<(string Name, string Path, FileNode Node)> Resolve(IEnumerable<string> requested)
    {
        var ordered = new List<(string, string, FileNode)>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        void Visit(string name, string requiredBy)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    throw new InvalidDataException($"Kernel modules depend on each other in a cycle through '{name}'.");
                }

                return;
            }

            if (!_modules.TryGetValue(name, out var module))
            {
                if (_builtIn.Contains(name))
                {
                    return;
                }

                throw new InvalidDataException(
                    $"Kernel module '{name}' ({requiredBy}) is not in kernel {KernelVersion}. If the kernel has it built in, remove it from the recipe's initrd-modules.");
            }

            state[name] = false;
            using (var s = module.Node.Content!.OpenRead())
            {
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                foreach (var dep in KernelModule.Dependencies(ms.GetBuffer().AsSpan(0, (int)ms.Length), module.Path))
                {
                    Visit(dep, $"needed by {name}");
                }
            }

            state[name] = true;
            ordered.Add((name, module.Path, module.Node));
        }

        foreach (var name in requested)
        {
            Visit(name.Replace('-', '_'), "named in the recipe");
        }

        return ordered;
    }
}
