using Hyperbake.Boot.Initramfs;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.Initramfs;

public sealed class InitramfsInitTests
{
    [Fact]
    public void The_init_script_matches_its_golden_file()
    {
        var init = new InitramfsInit("IMGA", "squashfs");

        Golden.Verify(init.Render(), "init");
    }

    [Fact]
    public void The_init_script_is_valid_shell()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["init"], new InitramfsInit("IMGA", "ext4").Render());

        var r = ExternalTool.Run("sh", "-n", dir["init"]);

        r.ExitCode.Should().Be(0, r.Output);
    }
}
