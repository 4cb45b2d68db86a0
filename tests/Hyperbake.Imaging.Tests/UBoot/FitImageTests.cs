using System.Text;
using Hyperbake.Imaging.DeviceTree;
using Hyperbake.Imaging.UBoot.Fit;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.UBoot;

public sealed class FitImageTests
{
    private static FitImage Sample(byte[] kernel, byte[] fdt, byte[] script) => new()
    {
        Description = "Hyperbake FIT test",
        Images =
        [
            new FitImageEntry
            {
                Name = "kernel", Description = "kernel", Data = kernel, Type = "kernel", Architecture = "arm64", Os = "linux",
                Load = 0x80080000, Entry = 0x80080000,
                Hashes = [new FitHash("hash-1", FitHashAlgorithm.Crc32), new FitHash("hash-2", FitHashAlgorithm.Sha1)],
            },
            new FitImageEntry
            {
                Name = "fdt", Description = "board fdt", Data = fdt, Type = "flat_dt", Architecture = "arm64", Load = 0x83000000,
                Hashes = [new FitHash("hash-1", FitHashAlgorithm.Sha256)],
            },
            new FitImageEntry
            {
                Name = "script", Description = "boot script", Data = script, Type = "script",
                Hashes = [new FitHash("hash", FitHashAlgorithm.Md5)],
            },
        ],
        DefaultConfiguration = "conf",
        Configurations = [new FitConfiguration { Name = "conf", Description = "boot", Kernel = "kernel", Fdt = ["fdt"], Loadables = ["script"] }],
    };

    private const string Its = """
        /dts-v1/;
        / {
            description = "Hyperbake FIT test";
            #address-cells = <1>;
            images {
                kernel {
                    description = "kernel";
                    data = /incbin/("kernel.bin");
                    type = "kernel";
                    arch = "arm64";
                    os = "linux";
                    compression = "none";
                    load = <0x80080000>;
                    entry = <0x80080000>;
                    hash-1 { algo = "crc32"; };
                    hash-2 { algo = "sha1"; };
                };
                fdt {
                    description = "board fdt";
                    data = /incbin/("board.dtb");
                    type = "flat_dt";
                    arch = "arm64";
                    compression = "none";
                    load = <0x83000000>;
                    hash-1 { algo = "sha256"; };
                };
                script {
                    description = "boot script";
                    data = /incbin/("boot.source");
                    type = "script";
                    compression = "none";
                    hash { algo = "md5"; };
                };
            };
            configurations {
                default = "conf";
                conf { description = "boot"; kernel = "kernel"; fdt = "fdt"; loadables = "script"; };
            };
        };
        """;

    [Fact]
    public void Listing_and_tree_match_mkimage_from_the_equivalent_its()
    {
        // Given data and the same FIT described as an .its for mkimage
        using var tmp = new TempDirectory();
        var kernel = new byte[300001];
        new Random(1).NextBytes(kernel);
        var board = new FlattenedDeviceTree();
        board.Root.SetString("model", "test");
        var fdt = board.ToBytes();
        var script = Encoding.ASCII.GetBytes("echo hello\n");
        File.WriteAllBytes(tmp["kernel.bin"], kernel);
        File.WriteAllBytes(tmp["board.dtb"], fdt);
        File.WriteAllBytes(tmp["boot.source"], script);
        File.WriteAllText(tmp["ref.its"], Its);
        Tool.Run("mkimage", "-q", "-f", tmp["ref.its"], tmp["ref.fit"]);

        // When Hyperbake builds it
        var ours = FitImageBuilder.Build(Sample(kernel, fdt, script), Tool.Epoch);
        File.WriteAllBytes(tmp["ours.fit"], ours);

        // Then mkimage -l lists both the same (hash values, sizes, addresses, timestamp)
        var listing = Tool.Run("mkimage", "-l", tmp["ours.fit"]);
        listing.Should().Be(Tool.Run("mkimage", "-l", tmp["ref.fit"]));
        listing.Should().Contain("Hash algo:    sha256").And.Contain("Created:         Fri Feb 13 23:31:30 2009");

        // And the trees decompile identically
        Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["ours.fit"]).Should().Be(Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["ref.fit"]));

        // And dumpimage extracts the original data
        Tool.Run("dumpimage", "-T", "flat_dt", "-p", "0", "-o", tmp["k.out"], tmp["ours.fit"]);
        File.ReadAllBytes(tmp["k.out"]).Should().Equal(kernel);
        Tool.Run("dumpimage", "-T", "flat_dt", "-p", "2", "-o", tmp["s.out"], tmp["ours.fit"]);
        File.ReadAllBytes(tmp["s.out"]).Should().Equal(script);

        FitImageBuilder.Build(Sample(kernel, fdt, script), Tool.Epoch).Should().Equal(ours, "two builds are identical");
    }

    [Fact]
    public void Dangling_references_and_wide_addresses_are_rejected()
    {
        var bad = Sample([1], [2], [3]) with { Configurations = [new FitConfiguration { Name = "c", Kernel = "nope" }] };
        ((Action)(() => FitImageBuilder.Build(bad, 0))).Should().Throw<ArgumentException>().WithMessage("*'nope'*");
        var wide = Sample([1], [2], [3]);
        wide = wide with { Images = [wide.Images[0] with { Load = 0x880000000 }, .. wide.Images.Skip(1)] };
        ((Action)(() => FitImageBuilder.Build(wide, 0))).Should().Throw<ArgumentException>().WithMessage("*#address-cells*");
        FitImageBuilder.Build(wide with { AddressCells = 2 }, 0).Should().NotBeEmpty();
    }
}
