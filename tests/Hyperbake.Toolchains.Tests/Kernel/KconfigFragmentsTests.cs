using Hyperbake.Toolchains.Kernel;

namespace Hyperbake.Toolchains.Tests.Kernel;

public sealed class KconfigFragmentsTests
{
    [Fact]
    public void Later_fragments_override_earlier_settings_and_overrides_are_reported()
    {
        var baseConfig = "#\n# Automatically generated\n#\nCONFIG_A=y\nCONFIG_B=m\n# CONFIG_C is not set\nCONFIG_D=\"x\"\n";
        (string, string)[] fragments =
        [
            ("xen.cfg", "CONFIG_B=y\nCONFIG_C=y\nCONFIG_NEW=y\n"),
            ("debug.cfg", "# CONFIG_C is not set\nCONFIG_D=\"y\"\n"),
        ];

        var (config, overrides) = KconfigFragments.Merge(baseConfig, fragments);

        config.Should().Be("CONFIG_A=y\nCONFIG_B=y\n# CONFIG_C is not set\nCONFIG_D=\"y\"\nCONFIG_NEW=y\n");
        overrides.Should().Equal(
            "xen.cfg: CONFIG_B was 'CONFIG_B=m', now 'CONFIG_B=y'",
            "xen.cfg: CONFIG_C was '# CONFIG_C is not set', now 'CONFIG_C=y'",
            "debug.cfg: CONFIG_C was 'CONFIG_C=y', now '# CONFIG_C is not set'",
            "debug.cfg: CONFIG_D was 'CONFIG_D=\"x\"', now 'CONFIG_D=\"y\"'");
    }

    [Fact]
    public void Settings_dropped_by_olddefconfig_are_found()
    {
        var requested = "CONFIG_XEN=y\nCONFIG_TYPO=y\n# CONFIG_DEBUG is not set\n";
        var final = "CONFIG_XEN=y\nCONFIG_DEBUG=y\n";
        KconfigFragments.Missing(requested, final).Should().Equal("CONFIG_TYPO=y", "# CONFIG_DEBUG is not set");
    }
}
