using System.Globalization;
using Hyperbake.Imaging.DeviceTree;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>The device tree part: xen_device_tree_editing, linux_device_tree_editing and cpupools.</summary>
internal sealed partial class ScriptRun
{
    private bool _editsBuilt;

    private void DeviceTreeEditing()
    {
        if (!BuildTimeTree || _numDtOverlay > 0)
        {
            Emit($"fdt addr {Hex(_deviceTreeAddr)}");
            Emit("fdt resize 1024");
            for (var i = 0; i < _numDtOverlay; i++)
            {
                Emit($"fdt apply {Hex(_dtOverlayAddr[i])}");
            }
        }

        BuildEdits();
        if (!IsFit && !BuildTimeTree)
        {
            foreach (var line in _edits.Select(e => e.ScriptLine).OfType<string>())
            {
                Emit(line);
            }
        }

        if (_fdtEditTree is not null)
        {
            foreach (var e in _edits)
            {
                e.Apply(_fdtEditTree, escapedNames: !IsFit);
            }
        }
    }

    private void BuildEdits()
    {
        if (_editsBuilt)
        {
            return;
        }

        _editsBuilt = true;
        if (_isXen)
        {
            XenDeviceTreeEditing();
        }
        else
        {
            LinuxDeviceTreeEditing();
        }
    }

    private void MkNode(string path, string name) => _edits.Add(new MakeNodeEdit(path, name));

    private void Set(string path, string name, DeviceTreeValueKind kind, string data) => _edits.Add(new SetPropertyEdit(path, name, kind, data));

    /// <summary>split_addr_size: "0xHI 0xLO 0xHI 0xLO " with a trailing space.</summary>
    private static string SplitAddrSize(long addr, long size) =>
        string.Create(CultureInfo.InvariantCulture, $"0x{(ulong)addr >> 32:X} 0x{addr & 0xFFFFFFFF:X} 0x{(ulong)size >> 32:X} 0x{size & 0xFFFFFFFF:X} ");

    private void XenDeviceTreeEditing()
    {
        var c = _config;
        Set("/chosen", "#address-cells", DeviceTreeValueKind.Hex, "0x2");
        Set("/chosen", "#size-cells", DeviceTreeValueKind.Hex, "0x2");
        Set("/chosen", "xen,xen-bootargs", DeviceTreeValueKind.String, _xenCmd);
        if (c.Dom0Kernel.Length > 0)
        {
            MkNode("/chosen", "dom0");
            Set("/chosen/dom0", "compatible", DeviceTreeValueKind.StringList, "xen,linux-zimage xen,multiboot-module multiboot,module");
            Set("/chosen/dom0", "reg", DeviceTreeValueKind.Hex, SplitAddrSize(_dom0KernelAddr, _dom0KernelSize));
            Set("/chosen", "xen,dom0-bootargs", DeviceTreeValueKind.String, _dom0Cmd);
        }

        if (c.Dom0Ramdisk.Length > 0 && _ramdiskAddr is { } ramdisk)
        {
            MkNode("/chosen", "dom0-ramdisk");
            Set("/chosen/dom0-ramdisk", "compatible", DeviceTreeValueKind.StringList, "xen,linux-initrd xen,multiboot-module multiboot,module");
            Set("/chosen/dom0-ramdisk", "reg", DeviceTreeValueKind.Hex, SplitAddrSize(ramdisk, _ramdiskSize));
        }

        foreach (var d in c.DomUs)
        {
            foreach (var devpath in d.PassthroughPaths.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                Set(devpath, "xen,passthrough", DeviceTreeValueKind.StringList, string.Empty);
            }

            if (d.IsSkipped)
            {
                continue;
            }

            var s = _domU[d.Index];
            var path = $"/chosen/domU{d.Index}";
            MkNode("/chosen", $"domU{d.Index}");
            Set(path, "compatible", DeviceTreeValueKind.String, "xen,domain");
            Set(path, "#address-cells", DeviceTreeValueKind.Hex, "0x2");
            Set(path, "#size-cells", DeviceTreeValueKind.Hex, "0x2");
            AddMemory(path, s.MemoryKb, d.StaticMem, d.Index);
            Set(path, "cpus", DeviceTreeValueKind.Int, s.Vcpus);
            if (d.StaticMem.Length > 0)
            {
                var cells = Words(d.StaticMem).Select(w =>
                {
                    var v = Arith(w, $"DOMU_STATIC_MEM[{d.Index}]");
                    return string.Create(CultureInfo.InvariantCulture, $"0x{(ulong)v >> 32:x} 0x{v & 0xFFFFFFFF:x}");
                });
                Set(path, "xen,static-mem", DeviceTreeValueKind.Hex, string.Join(' ', cells));
                Set(path, "direct-map", DeviceTreeValueKind.Bool, s.DirectMap);
            }

            // ImageBuilder reads ${DOMU_VUART_PL011} unindexed, i.e. element 0, for every DomU.
            if (c.Variables.Text("DOMU_VUART_PL011") == "1")
            {
                Set(path, "vpl011", DeviceTreeValueKind.String, "pl011");
            }
            else
            {
                Set(path, "vpl011", DeviceTreeValueKind.Bool, "1");
            }

            if (d.Enhanced == "1" || (c.Dom0Kernel.Length > 0 && d.Enhanced != "0"))
            {
                Set(path, "xen,enhanced", DeviceTreeValueKind.String, "enabled");
            }

            if (d.Viommu == "1")
            {
                Set(path, "viommu", DeviceTreeValueKind.Bool, "1");
            }

            if (d.Colors.Length > 0)
            {
                Set(path, "colors", DeviceTreeValueKind.Hex, "0x" + ColorMask(d.Colors).ToString("x", CultureInfo.InvariantCulture));
            }

            var k = Hex(s.KernelAddr);
            MkNode(path, "module" + k);
            Set($"{path}/module{k}", "compatible", DeviceTreeValueKind.StringList, "multiboot,kernel multiboot,module");
            Set($"{path}/module{k}", "reg", DeviceTreeValueKind.Hex, SplitAddrSize(s.KernelAddr, s.KernelSize));
            Set($"{path}/module{k}", "bootargs", DeviceTreeValueKind.String, s.Cmd);
            if (s.RamdiskAddr is { } r)
            {
                var rn = "module" + Hex(r);
                MkNode(path, rn);
                Set($"{path}/{rn}", "compatible", DeviceTreeValueKind.StringList, "multiboot,ramdisk multiboot,module");
                Set($"{path}/{rn}", "reg", DeviceTreeValueKind.Hex, SplitAddrSize(r, s.RamdiskSize));
            }

            if (s.DtbAddr is { } t)
            {
                var tn = "module" + Hex(t);
                MkNode(path, tn);
                Set($"{path}/{tn}", "compatible", DeviceTreeValueKind.StringList, "multiboot,device-tree multiboot,module");
                Set($"{path}/{tn}", "reg", DeviceTreeValueKind.Hex, SplitAddrSize(t, s.DtbSize));
            }
        }

        if (c.NumCpupools > 0)
        {
            AddCpupools();
        }
    }

    private void AddMemory(string path, long memoryKb, string regions, int index)
    {
        if (regions.Length > 0)
        {
            var words = Words(regions);
            long staticMem = 0;
            for (var i = 1; i < words.Length; i += 2)
            {
                staticMem += Arith(words[i], $"DOMU_STATIC_MEM[{index}]");
            }

            staticMem >>= 10;
            if (memoryKb != 0 && memoryKb != staticMem)
            {
                _stdout.Add($"{path}: specified DOMU_MEM does not match DOMU_STATIC_MEM amount. Ignoring DOMU_MEM.");
            }

            memoryKb = staticMem;
        }

        if (memoryKb == 0)
        {
            memoryKb = 512 * 1024;
        }

        Set(path, "memory", DeviceTreeValueKind.Int, string.Create(CultureInfo.InvariantCulture, $"0 {memoryKb}"));
    }

    /// <summary>"A-B" sets bits A…B, "N" sets bit N (cut -d- -f1 and -f2).</summary>
    private static long ColorMask(string colors)
    {
        var firstLine = colors.Split('\n')[0];
        var parts = firstLine.Split('-');
        var start = parts[0];
        var end = parts.Length > 1 ? parts[1] : firstLine;
        long mask = 0;
        if (!long.TryParse(start.Trim(), out var bit) || !long.TryParse(end.Trim(), out var last))
        {
            return mask;
        }

        for (; bit <= last; bit++)
        {
            mask |= 1L << (int)(bit & 63);
        }

        return mask;
    }

    private void AddCpupools()
    {
        FlattenedDeviceTree? hostTree = null;
        try
        {
            hostTree = FlattenedDeviceTree.ReadFile(InDir(_config.DeviceTree));
        }
        catch (Exception e) when (e is DeviceTreeException or IOException)
        {
            // fdtget fails on an unreadable blob, so every cpu "does not exist" below.
        }

        var cpuList = string.Empty;
        for (var i = 0; i < _config.NumCpupools; i++)
        {
            var words = Words(_config.Cpupools[i]);
            var cpus = words.Length > 0 ? words[0] : string.Empty;
            var scheduler = words.Length > 0 ? words[^1] : string.Empty;
            var cpuPhandles = string.Empty;
            foreach (var name in cpus.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var cpu = "/cpus/" + name;
                var node = hostTree?.FindNode(cpu);
                if (node is null || !node.HasProperty("reg"))
                {
                    throw new ImageBuilderException($"{cpu} does not exist (CPUPOOL[{i}]=\"{_config.Cpupools[i]}\"): DEVICE_TREE {_config.DeviceTree} has no such node with a reg property.");
                }

                if (cpuList.Contains(cpu, StringComparison.Ordinal))
                {
                    throw new ImageBuilderException($"{cpu} already assigned to another cpupool (CPUPOOL[{i}]=\"{_config.Cpupools[i]}\"). Note that ImageBuilder compares by substring, so cpu@1 also clashes with an earlier cpu@10.");
                }

                var existing = node.FindProperty("phandle");
                var phandle = existing is not null
                    ? string.Join(' ', existing.AsU32Array().Select(v => v.ToString("x", CultureInfo.InvariantCulture)))
                    : NextPhandle();
                Set(cpu, "phandle", DeviceTreeValueKind.Hex, phandle);
                cpuPhandles += " " + phandle;
                cpuList += " " + cpu;
            }

            var poolPhandle = NextPhandle();
            MkNode("/chosen", $"cpupool_{i}");
            Set($"/chosen/cpupool_{i}", "phandle", DeviceTreeValueKind.Hex, poolPhandle);
            Set($"/chosen/cpupool_{i}", "compatible", DeviceTreeValueKind.String, "xen,cpupool");
            Set($"/chosen/cpupool_{i}", "cpupool-cpus", DeviceTreeValueKind.Hex, cpuPhandles);
            if (scheduler != cpus)
            {
                Set($"/chosen/cpupool_{i}", "cpupool-sched", DeviceTreeValueKind.String, scheduler);
            }

            for (var j = 0; j < _config.NumDomUs; j++)
            {
                if (long.TryParse(_config.DomUs[j].Cpupool.Trim(), out var pool) && pool == i)
                {
                    Set($"/chosen/domU{j}", "domain-cpupool", DeviceTreeValueKind.Hex, poolPhandle);
                }
            }
        }
    }

    private string NextPhandle()
    {
        var p = "0x" + _phandleNext.ToString("x", CultureInfo.InvariantCulture);
        _phandleNext--;
        return p;
    }

    private void LinuxDeviceTreeEditing()
    {
        Set("/chosen", "bootargs", DeviceTreeValueKind.String, _linuxCmd);
        if (_config.LinuxRamdisk.Length > 0 && _ramdiskAddr is { } ramdisk)
        {
            Set("/chosen", "linux,initrd-start", DeviceTreeValueKind.Hex, Hex(ramdisk));
            Set("/chosen", "linux,initrd-end", DeviceTreeValueKind.Hex, "0x" + (ramdisk + _ramdiskSize).ToString("x", CultureInfo.InvariantCulture));
        }
    }

    private static string[] Words(string text) => text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
