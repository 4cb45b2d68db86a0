using System.Globalization;
using System.Text;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Imaging.DeviceTree;
using Hyperbake.Imaging.UBoot;
using Hyperbake.Imaging.UBoot.Legacy;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>One run of the generator; its fields are the script's global variables.</summary>
internal sealed partial class ScriptRun
{
    private const long Align = UBootScriptGenerator.Alignment;
    private const string Executable = "executable|data|ARM OpenFirmware";
    private const string DeviceTreeBlob = "Device Tree Blob|data";
    private const string CpioArchive = "cpio archive";

    private readonly ImageBuilderConfig _config;
    private readonly UBootScriptOptions _options;
    private readonly StringBuilder _source = new();
    private readonly List<string> _stdout = [];
    private readonly List<LoadedFile> _loads = [];
    private readonly List<DeviceTreeEdit> _edits = [];
    private readonly List<GeneratedFile> _files = [];
    private readonly List<string> _removals = [];
    private readonly Dictionary<int, DomUState> _domU = [];

    private string _directory = string.Empty;
    private string _loadCmd = string.Empty;
    private string _bootCmd = string.Empty;
    private string _ubootSource = string.Empty;
    private string _ubootScript = string.Empty;
    private string _fit = string.Empty;
    private string _fdtEdit = string.Empty;
    private string _itsFile = string.Empty;
    private bool _isXen;
    private string _xenCmd = string.Empty;
    private string _dom0Cmd = string.Empty;
    private string _linuxCmd = string.Empty;
    private int _numDtOverlay;
    private long _memaddr;
    private long _ubootAddr;
    private long _dom0KernelAddr;
    private long _dom0KernelSize;
    private long? _ramdiskAddr;
    private long _ramdiskSize;
    private string _ramdiskPath = string.Empty;
    private long _kernelAddr;
    private string _kernelPath = string.Empty;
    private long _deviceTreeAddr;
    private long? _bitstreamAddr;
    private readonly List<long> _dtOverlayAddr = [];
    private FlattenedDeviceTree? _fdtEditTree;
    private byte[]? _xenUb;
    private long _phandleNext = 0xfffffffe;

    public ScriptRun(ImageBuilderConfig config, UBootScriptOptions options)
    {
        _config = config;
        _options = options;
    }

    private bool IsFit => _fit.Length > 0;

    private bool BuildTimeTree => _options.DeviceTreeMode == DeviceTreeMode.BuildTime;

    public UBootScriptResult Execute()
    {
        SetUpFromOptions();
        if (_isXen)
        {
            XenConfig();
        }
        else
        {
            LinuxConfig();
        }

        CheckFitSigning();
        _directory = ResolveDirectory();
        if (_config.PassthroughDtsRepo.Length > 0 || _config.LopperPath.Length > 0)
        {
            var which = _config.PassthroughDtsRepo.Length > 0 ? $"PASSTHROUGH_DTS_REPO=\"{_config.PassthroughDtsRepo}\"" : $"LOPPER_PATH=\"{_config.LopperPath}\"";
            throw new ImageBuilderException(
                $"{which} asks ImageBuilder to compile partial device trees (dtc/lopper, random temporary names), which Hyperbake does not do. " +
                "Compile each DomU's passthrough tree to a .dtb and set DOMU_PASSTHROUGH_DTB[i] instead.");
        }

        _numDtOverlay = _config.NumDtOverlays;
        PrepareFdtEdit();
        if (IsFit)
        {
            Emit("fit_addr=$fileaddr");
        }

        _memaddr = Arith($"{_config.MemoryStart} + {Align}", "MEMORY_START");
        if (_memaddr < UBootScriptGenerator.LowestScriptAddress)
        {
            _memaddr = UBootScriptGenerator.LowestScriptAddress;
        }

        _ubootAddr = _memaddr;
        _memaddr += Align;

        if (_isXen)
        {
            XenFileLoading();
        }
        else
        {
            LinuxFileLoading();
        }

        for (var i = 0; i < _numDtOverlay; i++)
        {
            var overlay = _config.DtOverlays[i];
            if (!FileExists(overlay))
            {
                throw new ImageBuilderException($"Can not find {overlay}, exiting (DT_OVERLAY[{i}] is not a file in {_options.Directory}).");
            }

            CheckFileType(overlay, DeviceTreeBlob, $"DT_OVERLAY[{i}]", compressed: false);
            _dtOverlayAddr.Add(_memaddr);
            LoadFile(overlay, $"host_fdto{i}");
        }

        LoadDeviceTree();
        BitstreamLoadAndConfig();
        DeviceTreeEditing();

        Emit("setenv fdt_high 0xffffffffffffffff");
        if (_config.AppendExtraCmds.Length > 0)
        {
            CheckFileType(_config.AppendExtraCmds, "ASCII text", "APPEND_EXTRA_CMDS", compressed: false);
            _source.Append(File.ReadAllText(InDir(_config.AppendExtraCmds), Encoding.UTF8));
        }

        if (_bootCmd != "none")
        {
            Emit($"{_bootCmd} {Hex(_kernelAddr)} - {Hex(_deviceTreeAddr)}");
        }
        else
        {
            Emit($"setenv host_kernel_addr {Hex(_kernelAddr)}");
            Emit($"setenv host_fdt_addr {Hex(_deviceTreeAddr)}");
        }

        var sourceBytes = Encoding.UTF8.GetBytes(_source.ToString());
        if (_xenUb is not null)
        {
            _files.Add(new GeneratedFile(_kernelPath, _xenUb));
        }

        if (_fdtEditTree is not null)
        {
            _files.Add(new GeneratedFile(_fdtEdit, _fdtEditTree.ToBytes()));
        }

        _files.Add(new GeneratedFile(_ubootSource, sourceBytes));
        if (IsFit)
        {
            var its = BuildIts();
            _files.Add(new GeneratedFile(_itsFile, Encoding.UTF8.GetBytes(its)));
            _files.Add(new GeneratedFile(_fit, BuildFit(sourceBytes)));
            if (_ubootScript.Length > 0)
            {
                _removals.Add(_ubootScript);
            }
        }
        else
        {
            _files.Add(new GeneratedFile(_ubootScript, LegacyImageWriter.Script(sourceBytes, new LegacyImageOptions
            {
                Architecture = UBootArchitecture.Arm64,
                Os = UBootOs.Linux,
                Compression = UBootCompression.None,
                LoadAddress = unchecked((uint)_ubootAddr),
                EntryPoint = unchecked((uint)_ubootAddr),
                SourceDateEpoch = _options.SourceDateEpoch,
            })));
        }

        CheckMemoryEnd();
        var prepend = string.IsNullOrEmpty(_options.Prepend) ? string.Empty : _options.Prepend + "/";
        if (IsFit)
        {
            var fitAddr = "0x" + _memaddr.ToString("x", CultureInfo.InvariantCulture);
            _stdout.Add($"Generated uboot FIT image {_fit}, to be loaded at or after address {fitAddr}:");
            _stdout.Add($"{_loadCmd} {fitAddr} {_fit}; source {fitAddr}:boot_scr");
        }
        else
        {
            _stdout.Add($"Generated uboot script {_ubootScript}, to be loaded at address {Hex(_ubootAddr)}:");
            _stdout.Add($"{_loadCmd} {Hex(_ubootAddr)} {prepend}{_ubootScript}; source {Hex(_ubootAddr)}");
        }

        return new UBootScriptResult
        {
            SourceText = _source.ToString(),
            Files = _files,
            Removals = _removals,
            Loads = _loads,
            ScriptAddress = (ulong)_ubootAddr,
            EndAddress = (ulong)_memaddr,
            StdoutLines = _stdout,
            DeviceTreeEdits = _edits,
        };
    }

    // ---- set-up --------------------------------------------------------------------------

    private void SetUpFromOptions()
    {
        _loadCmd = string.IsNullOrEmpty(_options.LoadCommand) ? _config.LoadCmd : LoadCommands.Resolve(_options.LoadCommand);
        if (!string.IsNullOrEmpty(_options.OutputName))
        {
            _ubootScript = _options.OutputName + ".scr";
            _ubootSource = _options.OutputName + ".source";
        }
        else
        {
            _ubootScript = _config.UbootScript;
            _ubootSource = _config.UbootSource;
        }

        _fit = _config.Fit;
        if (_options.Fit && _fit.Length == 0)
        {
            _fit = StripSuffix(_ubootSource, ".source") + ".fit";
        }

        if (_ubootSource.Length == 0)
        {
            throw new ImageBuilderException(
                "UBOOT_SOURCE is not set and no output name was given, so ImageBuilder cannot write the script (\"ambiguous redirect\"). " +
                "Set UBOOT_SOURCE=\"boot.source\" and UBOOT_SCRIPT=\"boot.scr\" in the config, or pass an output name (-o).");
        }

        if (!IsFit && _ubootScript.Length == 0)
        {
            throw new ImageBuilderException("UBOOT_SCRIPT is not set, so mkimage has nowhere to write the script image. Set UBOOT_SCRIPT=\"boot.scr\" or pass an output name (-o).");
        }

        if (_loadCmd.Length == 0)
        {
            throw new ImageBuilderException("LOAD_CMD not set, either specify it in the config or set it with the -t option (e.g. tftp, sd, \"load virtio 0:1\").");
        }

        _bootCmd = _config.BootCmd;
        if (_bootCmd.Length == 0)
        {
            _bootCmd = "booti";
        }
        else if (!" bootm booti bootefi none ".Contains(" " + _bootCmd, StringComparison.Ordinal))
        {
            throw new ImageBuilderException($"\"BOOT_CMD={_bootCmd}\" is not valid; use booti, bootm, bootefi or none.");
        }

        if (_config.Xen.Length > 0)
        {
            _isXen = true;
        }
        else if (_config.Linux.Length == 0)
        {
            throw new ImageBuilderException("Neither a Xen or Linux kernel is specified, exiting. Set XEN (with DOM0_KERNEL and/or DomUs) or LINUX.");
        }

        if (IsFit && BuildTimeTree)
        {
            throw new ImageBuilderException("FIT mode already applies the device tree changes at build time (into FDTEDIT); do not combine it with DeviceTreeMode.BuildTime.");
        }
    }

    private void CheckFitSigning()
    {
        if (_config.FitEncKeyDir.Length == 0 && _config.FitEncUbDtb.Length == 0)
        {
            return;
        }

        if (_config.FitEncKeyDir.Length == 0)
        {
            throw new ImageBuilderException($"if encryption, you need to specify the key directory: FIT_ENC_UB_DTB=\"{_config.FitEncUbDtb}\" needs FIT_ENC_KEY_DIR=\"dir/hint\".");
        }

        if (IsFit)
        {
            throw new ImageBuilderException(
                $"FIT signing (FIT_ENC_KEY_DIR=\"{_config.FitEncKeyDir}\") is not supported by Hyperbake; sign the FIT with mkimage -r -k afterwards, or unset FIT_ENC_KEY_DIR/FIT_ENC_UB_DTB.");
        }
    }

    private string ResolveDirectory()
    {
        if (!Directory.Exists(_options.Directory))
        {
            throw new ImageBuilderException($"The directory {_options.Directory} (-d) does not exist.");
        }

        return HostPaths.RealPath(_options.Directory);
    }

    private void PrepareFdtEdit()
    {
        if (IsFit)
        {
            _fdtEdit = _config.FdtEdit.Length > 0 ? _config.FdtEdit : StripSuffix(_config.DeviceTree, ".dtb") + "-fit.dtb";
            _itsFile = StripSuffix(_fit, ".fit") + ".its";
        }
        else
        {
            _fdtEdit = _config.FdtEdit;
        }

        if (_fdtEdit.Length == 0)
        {
            return;
        }

        RequireDeviceTree();
        _fdtEditTree = ReadTree(_config.DeviceTree, "DEVICE_TREE");
        if (_numDtOverlay > 0)
        {
            for (var i = 0; i < _numDtOverlay; i++)
            {
                if (!FileExists(_config.DtOverlays[i]))
                {
                    throw new ImageBuilderException($"Can not find {_config.DtOverlays[i]}, exiting (DT_OVERLAY[{i}]).");
                }
            }

            throw new ImageBuilderException(
                $"FDTEDIT/FIT with DT_OVERLAY makes ImageBuilder merge the overlays at build time with fdtoverlay, which Hyperbake does not do. " +
                $"Merge them into DEVICE_TREE first (fdtoverlay -i {_config.DeviceTree} -o merged.dtb {string.Join(' ', _config.DtOverlays)}) and set NUM_DT_OVERLAY=0.");
        }
    }

    // ---- configuration rules (xen_config / linux_config) -----------------------------------

    private void XenConfig()
    {
        var c = _config;
        if (c.Dom0Kernel.Length == 0)
        {
            if (c.NumDomUs == 0)
            {
                throw new ImageBuilderException("Neither dom0 or domUs are specified, exiting. Set DOM0_KERNEL or NUM_DOMUS with DOMU_KERNEL[i].");
            }

            var dom0Only = new[] { ("DOM0_MEM", c.Dom0Mem), ("DOM0_VCPUS", c.Dom0Vcpus), ("DOM0_COLORS", c.Dom0Colors), ("DOM0_CMD", c.Dom0Cmd), ("DOM0_RAMDISK", c.Dom0Ramdisk), ("DOM0_ROOTFS", c.Dom0Rootfs), ("DOM0_VIOMMU", c.Dom0Viommu) }
                .Where(p => p.Item2.Length > 0).Select(p => p.Item1).ToList();
            if (dom0Only.Count > 0)
            {
                throw new ImageBuilderException(
                    $"For dom0less configuration without dom0, no dom0 specific parameters should be specified, exiting. Remove {string.Join(", ", dom0Only)} or set DOM0_KERNEL.");
            }

            _stdout.Add("Dom0 kernel is not specified, continue with true dom0less setup.");
        }

        if (c.XenCmd.Length == 0)
        {
            var mem = c.Dom0Mem.Length > 0 ? c.Dom0Mem : "1500";
            var vcpus = c.Dom0Vcpus.Length > 0 ? c.Dom0Vcpus : "1";
            var dom0Colors = c.Dom0Colors.Length > 0 ? "dom0_colors=" + c.Dom0Colors : string.Empty;
            var xenColors = c.XenColors.Length > 0 ? "xen_colors=" + c.XenColors : string.Empty;
            var viommu = c.Dom0Viommu == "1" ? "dom0_viommu=1" : string.Empty;
            _xenCmd = $"console=dtuart dtuart=serial0 dom0_mem={mem}M dom0_max_vcpus={vcpus} bootscrub=0 vwfi=native sched=null {xenColors} {dom0Colors} {viommu}";
        }
        else
        {
            if (c.Dom0Mem.Length > 0 || c.Dom0Vcpus.Length > 0)
            {
                throw new ImageBuilderException(
                    "One can specify either XEN_CMD or (DOM0_MEM and/or DOM0_VCPUS). ImageBuilder stops here and writes nothing; " +
                    "put dom0_mem=/dom0_max_vcpus= into XEN_CMD and remove DOM0_MEM/DOM0_VCPUS, or remove XEN_CMD.");
            }

            _xenCmd = c.XenCmd;
        }

        _dom0Cmd = c.Dom0Cmd.Length > 0 ? c.Dom0Cmd : "console=hvc0 earlycon=xen earlyprintk=xen clk_ignore_unused";
        if (!_dom0Cmd.Contains("root=", StringComparison.Ordinal))
        {
            _dom0Cmd += c.Dom0Rootfs.Length == 0 ? " root=/dev/ram0" : " root=" + LoadCommands.RootDevice(_loadCmd, "DOM0_CMD");
        }

        if (c.Dom0Kernel.Length == 0)
        {
            // bash: params=($XEN_CMD); "${params[@]/dom0*/}" — each word loses everything from "dom0" on.
            var words = _xenCmd.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.IndexOf("dom0", StringComparison.Ordinal) is var at and >= 0 ? w[..at] : w);
            _xenCmd = string.Join(' ', words);
        }

        foreach (var d in c.DomUs)
        {
            var memText = d.Mem.Length > 0 ? d.Mem : "0";
            _domU[d.Index] = new DomUState
            {
                MemoryKb = Arith($"{memText} * 1024", $"DOMU_MEM[{d.Index}]"),
                Vcpus = d.Vcpus.Length > 0 ? d.Vcpus : "1",
                Cmd = d.Cmd.Length > 0 ? d.Cmd : "console=ttyAMA0",
                DirectMap = d.DirectMap.Length > 0 ? d.DirectMap : "1",
            };
        }
    }

    private void LinuxConfig()
    {
        _linuxCmd = _config.LinuxCmd.Length > 0 ? _config.LinuxCmd : "earlycon console=ttyPS0,115200";
        if (!_linuxCmd.Contains("root=", StringComparison.Ordinal))
        {
            _linuxCmd += _config.LinuxRootfs.Length == 0 ? " root=/dev/ram0" : " root=" + LoadCommands.RootDevice(_loadCmd, "LINUX_CMD");
        }
    }

    // ---- loading ---------------------------------------------------------------------------

    private void XenFileLoading()
    {
        var c = _config;
        if (c.Dom0Kernel.Length > 0)
        {
            CheckFileType(c.Dom0Kernel, Executable, "DOM0_KERNEL", compressed: true);
            _dom0KernelAddr = _memaddr;
            _dom0KernelSize = LoadFile(c.Dom0Kernel, "dom0_linux");
        }

        if (c.Dom0Ramdisk.Length > 0)
        {
            CheckFileType(c.Dom0Ramdisk, CpioArchive, "DOM0_RAMDISK", compressed: true);
            _ramdiskAddr = _memaddr;
            _ramdiskPath = c.Dom0Ramdisk;
            _ramdiskSize = LoadFile(c.Dom0Ramdisk, "dom0_ramdisk");
        }

        foreach (var d in c.DomUs)
        {
            if (d.IsSkipped)
            {
                if (d.NoBoot.Length == 0)
                {
                    _stdout.Add($"Skipping DomU[{d.Index}]: cannot handle non-ramdisk rootfs for dom0less VMs.");
                }

                continue;
            }

            if (d.Kernel.Length == 0)
            {
                throw new ImageBuilderException($"DOMU_KERNEL[{d.Index}] is not defined, but NUM_DOMUS={c.NumDomUs}. Set DOMU_KERNEL[{d.Index}] or lower NUM_DOMUS.");
            }

            var state = _domU[d.Index];
            CheckFileType(d.Kernel, Executable, $"DOMU_KERNEL[{d.Index}]", compressed: true);
            state.KernelAddr = _memaddr;
            state.KernelSize = LoadFile(d.Kernel, $"domU{d.Index}_kernel");
            if (d.Ramdisk.Length > 0)
            {
                CheckFileType(d.Ramdisk, CpioArchive, $"DOMU_RAMDISK[{d.Index}]", compressed: true);
                state.RamdiskAddr = _memaddr;
                state.RamdiskSize = LoadFile(d.Ramdisk, $"domU{d.Index}_ramdisk");
            }

            if (d.PassthroughDtb.Length > 0)
            {
                CheckFileType(d.PassthroughDtb, DeviceTreeBlob, $"DOMU_PASSTHROUGH_DTB[{d.Index}]", compressed: true);
                state.DtbAddr = _memaddr;
                state.DtbSize = LoadFile(d.PassthroughDtb, $"domU{d.Index}_fdt");
            }
        }

        // Xen goes last among the binaries: U-Boot secure boot expects the last PE image loaded to be the signed one.
        CheckFileType(c.Xen, Executable, "XEN", compressed: true);
        _kernelPath = c.Xen;
        long? size = null;
        if (_bootCmd == "bootm")
        {
            GenerateXenUImage();
            size = _xenUb!.Length;
        }

        _kernelAddr = _memaddr;
        LoadFile(_kernelPath, "host_kernel", size);
    }

    private void GenerateXenUImage()
    {
        // ImageBuilder tags the image "arm" when `file -L XEN` mentions ARM (so a real arm64 Image is tagged arm).
        var description = $"{_config.Xen}: {FileTypeProbe.Describe(InDir(_config.Xen))}";
        var arch = description.Contains("ARM", StringComparison.Ordinal) ? UBootArchitecture.Arm : UBootArchitecture.Arm64;
        _xenUb = LegacyImageWriter.Single(File.ReadAllBytes(InDir(_config.Xen)), new LegacyImageOptions
        {
            Architecture = arch,
            Os = UBootOs.Linux,
            Type = UBootImageType.Kernel,
            Compression = UBootCompression.None,
            LoadAddress = unchecked((uint)_memaddr),
            EntryPoint = unchecked((uint)_memaddr),
            SourceDateEpoch = _options.SourceDateEpoch,
        });
        _stdout.AddRange(LegacyImageListing.Format(_xenUb).TrimEnd('\n').Split('\n'));
        _kernelPath = _config.Xen + ".ub";
    }

    private void LinuxFileLoading()
    {
        CheckFileType(_config.Linux, Executable, "LINUX", compressed: true);
        _kernelAddr = _memaddr;
        _kernelPath = _config.Linux;
        LoadFile(_config.Linux, "host_kernel");
        if (_config.LinuxRamdisk.Length > 0)
        {
            CheckFileType(_config.LinuxRamdisk, CpioArchive, "LINUX_RAMDISK", compressed: true);
            _ramdiskAddr = _memaddr;
            _ramdiskPath = _config.LinuxRamdisk;
            _ramdiskSize = LoadFile(_config.LinuxRamdisk, "host_ramdisk");
        }
    }

    private void LoadDeviceTree()
    {
        RequireDeviceTree();
        CheckFileType(_config.DeviceTree, DeviceTreeBlob, "DEVICE_TREE", compressed: false);
        _deviceTreeAddr = _memaddr;
        if (!BuildTimeTree)
        {
            LoadFile(_config.DeviceTree, "host_fdt");
            return;
        }

        // Build-time mode: the edits only name files loaded before the device tree, so they
        // are known here; the patched blob's own size then decides the following addresses.
        BuildEdits();
        var tree = ReadTree(_config.DeviceTree, "DEVICE_TREE");
        foreach (var e in _edits)
        {
            e.Apply(tree, escapedNames: false);
        }

        var name = _options.PatchedDeviceTreeName ?? StripSuffix(_config.DeviceTree, ".dtb") + "-patched.dtb";
        var bytes = tree.ToBytes(new FdtWriterOptions { Padding = _options.PatchedDeviceTreePadding });
        _files.Add(new GeneratedFile(name, bytes));
        LoadFile(name, "host_fdt", bytes.Length);
    }

    private void BitstreamLoadAndConfig()
    {
        if (_config.Bitstream.Length == 0)
        {
            return;
        }

        CheckFileType(_config.Bitstream, "BIT data", "BITSTREAM", compressed: false);
        _bitstreamAddr = _memaddr;
        var size = LoadFile(_config.Bitstream, "fpga_bitstream");
        Emit($"fpga load 0 {Hex(_bitstreamAddr.Value)} {size}");
    }

    /// <summary>Appends the load line (or imxtract line) and advances to the next 2 MiB boundary.</summary>
    private long LoadFile(string file, string fitName, long? knownSize = null)
    {
        var relative = HostPaths.RelativePath(_directory, file);
        var printed = string.IsNullOrEmpty(_options.Prepend) ? relative : _options.Prepend + "/" + relative;
        Emit(IsFit ? $"imxtract $fit_addr {fitName} {Hex(_memaddr)}" : $"{_loadCmd} {Hex(_memaddr)} {printed}");
        var size = knownSize ?? FileSize(file);
        _loads.Add(new LoadedFile(fitName, printed, (ulong)_memaddr, size));
        _memaddr = (_memaddr + size + Align - 1) & ~(Align - 1);
        return size;
    }

    private void CheckMemoryEnd()
    {
        if (_config.MemoryEnd.Length == 0)
        {
            throw new ImageBuilderException(
                $"MEMORY_END is not set, so ImageBuilder always fails with \"Error, not enough memory to load all binaries\". Set MEMORY_END to the end of RAM (the files end at {Hex(_memaddr)}).");
        }

        var expression = IsFit ? $"{_config.MemoryEnd} - 2 * ( {Hex(_memaddr)} + {Align} )" : $"{_config.MemoryEnd} - {Hex(_memaddr)} - {Align}";
        if (Arith(expression, "MEMORY_END") < 0)
        {
            var needed = IsFit ? 2 * (_memaddr + Align) : _memaddr + Align;
            throw new ImageBuilderException(
                $"Error, not enough memory to load all binaries: MEMORY_END={_config.MemoryEnd} but the files need memory up to 0x{needed:X} " +
                $"({(IsFit ? "FIT: twice the end of the last file plus 2 MiB" : "the end of the last file plus 2 MiB")}). Raise MEMORY_END, lower MEMORY_START or use smaller files.");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void Emit(string line) => _source.Append(line).Append('\n');

    private static string Hex(long value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    private static string StripSuffix(string s, string suffix) => s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;

    private string InDir(string file) => Path.Combine(_directory, file);

    private bool FileExists(string file)
    {
        var path = InDir(file);
        if (!File.Exists(path))
        {
            return false;
        }

        var info = new FileInfo(path);
        return info.LinkTarget is null || info.ResolveLinkTarget(true) is { Exists: true } t && t is FileInfo;
    }

    private long FileSize(string file)
    {
        var info = new FileInfo(InDir(file));
        if (info.LinkTarget is not null)
        {
            info = (FileInfo)info.ResolveLinkTarget(true)!;
        }

        return info.Length;
    }

    private void RequireDeviceTree()
    {
        if (_config.DeviceTree.Length == 0)
        {
            throw new ImageBuilderException("DEVICE_TREE is not set; ImageBuilder needs the board's .dtb to load and edit. Set DEVICE_TREE=\"board.dtb\".");
        }

        if (!FileExists(_config.DeviceTree))
        {
            throw new ImageBuilderException($"File {_config.DeviceTree} doesn't exist, exiting (DEVICE_TREE, relative to {_options.Directory}).");
        }
    }

    private FlattenedDeviceTree ReadTree(string file, string variable)
    {
        try
        {
            return FlattenedDeviceTree.ReadFile(InDir(file));
        }
        catch (DeviceTreeException e)
        {
            throw new ImageBuilderException($"{variable}={file} is not a readable device tree blob: {e.Message}", e);
        }
    }

    /// <summary>ImageBuilder's check_file_type / check_compressed_file_type.</summary>
    private void CheckFileType(string file, string alternatives, string variable, bool compressed)
    {
        if (!FileExists(file))
        {
            throw new ImageBuilderException($"File {file} doesn't exist, exiting ({variable}, relative to {_options.Directory}).");
        }

        var path = InDir(file);
        string output;
        var gz = compressed && FileTypeProbe.Describe(path).StartsWith("gzip", StringComparison.Ordinal);
        output = gz ? "(gunzipped): " + FileTypeProbe.DescribeDecompressed(path) : file + ": " + FileTypeProbe.Describe(path);
        var wanted = alternatives.Split('|');
        if (!FileTypeProbe.Matches(output, wanted))
        {
            var desc = output[(output.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            throw new ImageBuilderException(
                $"Wrong file type {file}. It should be {string.Join(" or ", wanted.Select(w => $"\"{w}\""))}, exiting. " +
                $"{variable}=\"{file}\" is {(gz ? "gzip data holding " : string.Empty)}\"{desc}\" (as `file` would say).");
        }
    }

    private long Arith(string expression, string variable)
    {
        try
        {
            return ShellArithmetic.Evaluate(expression, n => _config.Variables.Get(n)?.Text);
        }
        catch (FormatException e)
        {
            throw new ImageBuilderException($"{variable}: {e.Message}", e);
        }
    }

    private sealed class DomUState
    {
        public long MemoryKb { get; init; }

        public required string Vcpus { get; init; }

        public required string Cmd { get; init; }

        public required string DirectMap { get; init; }

        public long KernelAddr { get; set; }

        public long KernelSize { get; set; }

        public long? RamdiskAddr { get; set; }

        public long RamdiskSize { get; set; }

        public long? DtbAddr { get; set; }

        public long DtbSize { get; set; }
    }
}
