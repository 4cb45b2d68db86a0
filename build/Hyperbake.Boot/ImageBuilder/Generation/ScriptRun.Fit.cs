using System.Globalization;
using System.Text;
using Hyperbake.Imaging.UBoot.Fit;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>FIT mode: the .its ImageBuilder writes and the .fit mkimage builds from it.</summary>
internal sealed partial class ScriptRun
{
    private const string HashLines = "            hash {\n                algo = \"md5\";\n            };\n";

    private string Os => _isXen ? "xen" : "linux";

    /// <summary>The images in .its order, with the paths exactly as the .its names them.</summary>
    private List<(string Name, string Description, string DataPath, string Type, bool HasArch, bool HasOs, string? Compatible, long Load, bool HasEntry)> ItsImages()
    {
        var list = new List<(string, string, string, string, bool, bool, string?, long, bool)>
        {
            ("host_fdt", $"{Os} fdt", _fdtEdit, "flat_dt", true, false, null, _deviceTreeAddr, false),
            ("host_kernel", $"{Os} kernel", _kernelPath, "kernel", true, true, null, _kernelAddr, true),
        };
        if (_ramdiskAddr is { } ramdisk)
        {
            var rd = _isXen ? "dom0" : "host";
            list.Add(($"{rd}_ramdisk", $"{rd} ramdisk", _ramdiskPath, "ramdisk", true, true, null, ramdisk, false));
        }

        if (_isXen)
        {
            if (_config.Dom0Kernel.Length > 0)
            {
                list.Add(("dom0_linux", "dom0 linux kernel binary", _config.Dom0Kernel, "kernel", true, true, null, _dom0KernelAddr, false));
            }

            foreach (var d in _config.DomUs.Where(d => !d.IsSkipped))
            {
                var s = _domU[d.Index];
                list.Add(($"domU{d.Index}_kernel", $"domU{d.Index} kernel binary", d.Kernel, "kernel", true, true, null, s.KernelAddr, false));
                if (d.Ramdisk.Length > 0)
                {
                    list.Add(($"domU{d.Index}_ramdisk", $"domU{d.Index} ramdisk", d.Ramdisk, "ramdisk", true, true, null, s.RamdiskAddr!.Value, false));
                }

                if (d.PassthroughDtb.Length > 0)
                {
                    list.Add(($"domU{d.Index}_fdt", $"domU{d.Index} fdt", d.PassthroughDtb, "flat_dt", true, false, null, s.DtbAddr!.Value, false));
                }
            }
        }

        if (_config.Bitstream.Length > 0)
        {
            list.Add(("fpga_bitstream", "FPGA bit stream", _config.Bitstream, "fpga", true, false, "u-boot,fpga-legacy", _bitstreamAddr!.Value, false));
        }

        list.Add(("boot_scr", "imagebuilder's boot script", _ubootSource, "script", false, false, null, _ubootAddr, true));
        return list;
    }

    private List<string> Loadables()
    {
        var names = new List<string>();
        if (_config.Dom0Kernel.Length > 0)
        {
            names.Add("dom0_linux");
            if (_ramdiskAddr is not null)
            {
                names.Add("dom0_ramdisk");
            }
        }

        foreach (var d in _config.DomUs.Where(d => !d.IsSkipped))
        {
            names.Add($"domU{d.Index}_kernel");
            if (d.Ramdisk.Length > 0)
            {
                names.Add($"domU{d.Index}_ramdisk");
            }

            if (d.PassthroughDtb.Length > 0)
            {
                names.Add($"domU{d.Index}_fdt");
            }
        }

        return names;
    }

    private string BuildIts()
    {
        var its = new StringBuilder();
        its.Append("/dts-v1/;\n/ {\n    description = \"Configuration from Imagebuilder to load Xen/Linux\";\n    #address-cells = <1>;\n    images {\n");
        foreach (var image in ItsImages())
        {
            its.Append("        ").Append(image.Name).Append(" {\n");
            its.Append("            description = \"").Append(image.Description).Append("\";\n");
            its.Append("            data = /incbin/(\"").Append(image.DataPath).Append("\");\n");
            its.Append("            type = \"").Append(image.Type).Append("\";\n");
            if (image.HasArch)
            {
                its.Append("            arch = \"arm64\";\n");
            }

            if (image.HasOs)
            {
                its.Append("            os = \"linux\";\n");
            }

            its.Append("            compression = \"none\";\n");
            if (image.Compatible is not null)
            {
                its.Append("            compatible = \"").Append(image.Compatible).Append("\";\n");
            }

            its.Append("            load = <").Append(Hex(image.Load)).Append(">;\n");
            if (image.HasEntry)
            {
                its.Append("            entry = <").Append(Hex(image.Load)).Append(">;\n");
            }

            its.Append(HashLines).Append("        };\n");
        }

        its.Append("    };\n");
        var fdtLine = "fdt = \"host_fdt\";";
        var ramdiskLine = !_isXen && _ramdiskAddr is not null ? "ramdisk = \"host_ramdisk\";" : string.Empty;
        var fpgaLine = _config.Bitstream.Length > 0 ? "fpga = \"fpga_bitstream\";" : string.Empty;
        var loadablesLine = _isXen ? "loadables = " + string.Join(", ", Loadables().Select(n => $"\"{n}\"")) + ";" : string.Empty;
        its.Append("    configurations {\n        default = \"config\";\n        config {\n");
        its.Append("            description = \"Imagebuilder ").Append(Os).Append("\";\n");
        its.Append("            kernel = \"host_kernel\";\n");
        foreach (var line in new[] { fdtLine, ramdiskLine, fpgaLine, loadablesLine })
        {
            its.Append("            ").Append(line).Append('\n');
        }

        its.Append("        };\n    };\n};\n");
        return its.ToString();
    }

    private byte[] BuildFit(byte[] sourceBytes)
    {
        if (_isXen && Loadables().Count == 0)
        {
            throw new ImageBuilderException("FIT mode with no dom0 and every DomU skipped (DOMU_NOBOOT/DOMU_ROOTFS) gives \"loadables = ;\", which mkimage rejects. Boot at least one domain.");
        }

        var images = new List<FitImageEntry>();
        foreach (var i in ItsImages())
        {
            if (i.Load > uint.MaxValue)
            {
                throw new ImageBuilderException($"FIT image {i.Name} would load at {Hex(i.Load)}, above 4 GiB, but ImageBuilder's .its uses one address cell. Lower MEMORY_START or do not use FIT mode.");
            }

            var data = i.Name switch
            {
                "boot_scr" => sourceBytes,
                "host_fdt" => _files.Single(f => f.RelativePath == _fdtEdit).Content,
                "host_kernel" when _xenUb is not null => _xenUb,
                _ => File.ReadAllBytes(InDir(i.DataPath)),
            };
            images.Add(new FitImageEntry
            {
                Name = i.Name,
                Description = i.Description,
                Data = data,
                Type = i.Type,
                Architecture = i.HasArch ? "arm64" : null,
                Os = i.HasOs ? "linux" : null,
                Compatible = i.Compatible,
                Load = (ulong)i.Load,
                Entry = i.HasEntry ? (ulong)i.Load : null,
                Hashes = [new FitHash("hash", FitHashAlgorithm.Md5)],
            });
        }

        var fit = new FitImage
        {
            Description = "Configuration from Imagebuilder to load Xen/Linux",
            AddressCells = 1,
            Images = images,
            DefaultConfiguration = "config",
            Configurations =
            [
                new FitConfiguration
                {
                    Name = "config",
                    Description = $"Imagebuilder {Os}",
                    Kernel = "host_kernel",
                    Fdt = ["host_fdt"],
                    Ramdisk = !_isXen && _ramdiskAddr is not null ? "host_ramdisk" : null,
                    Fpga = _config.Bitstream.Length > 0 ? "fpga_bitstream" : null,
                    Loadables = _isXen ? Loadables() : [],
                },
            ],
        };
        return FitImageBuilder.Build(fit, _options.SourceDateEpoch);
    }

}
