using Build.Tests.Fixtures;
using Hyperbake.Host;

namespace Build.Tests;

public sealed class BuildContextTests
{
    [Fact]
    public void An_incompatible_platform_fails_before_any_task_even_in_a_dry_run()
    {
        using var fixture = new BuildFixture();

        var exitCode = fixture.Run("--arch=amd64", "--platform=zcu102", "--dryrun", "--target=Clean");

        exitCode.Should().Be(-1);
        fixture.Output.Should().Be("Error: platform 'zcu102' (layers/core/platforms/zcu102.yaml) supports arch arm64; --arch=amd64 is not one of them. Use --arch=arm64 or another platform.\n");
    }

    [Fact]
    public void A_dry_run_shows_the_knobs_and_the_tasks()
    {
        using var fixture = new BuildFixture();

        fixture.Run("--platform=zcu102", "--dryrun", "--target=Clean").Should().Be(0);

        fixture.Output.Should().Be(
            "Performing dry run...\nTarget is: Clean\n\n" +
            "Building for arch arm64, hypervisor xen, platform zcu102, rootfs squashfs version 0.0.0-unknown\n" +
            "1. Clean\n\nThis was a dry run.\nNo tasks were actually executed.\n");
    }

    [Fact]
    public void Knobs_come_from_the_environment_when_nothing_else_sets_them()
    {
        using var fixture = new BuildFixture();
        fixture.Host.RegisterTask<ProbeTask>();
        fixture.Environment.Variables["ZARCH"] = "riscv64";
        fixture.Environment.Variables["HV"] = "none";
        fixture.Environment.Variables["ROOTFS_FORMAT"] = "ext4";
        fixture.Environment.Variables["ROOTFS_VERSION"] = "snapshot";

        fixture.Run("--target=Probe", "--exclusive").Should().Be(0);

        fixture.Probe.Should().Contain(["dist=dist/riscv64/snapshot", "knobs=riscv64,none,generic,ext4"]);
    }

    [Theory]
    [InlineData(new[] { "--source-date-epoch=100" }, "200", "300", "epoch=100")]
    [InlineData(new string[0], "200", "300", "epoch=200")]
    [InlineData(new string[0], null, "300", "epoch=300")]
    [InlineData(new string[0], null, null, "epoch=0")]
    public void Source_date_epoch_precedence(string[] args, string? environment, string? config, string expected)
    {
        using var fixture = new BuildFixture();
        fixture.Host.RegisterTask<ProbeTask>();
        if (environment is not null)
        {
            fixture.Environment.Variables["SOURCE_DATE_EPOCH"] = environment;
        }

        if (config is not null)
        {
            File.WriteAllText(fixture.Root["cake.config"], $"[Build]\nSourceDateEpoch={config}\n");
        }

        fixture.Run([.. args, "--target=Probe", "--exclusive"]).Should().Be(0);

        fixture.Probe.Should().Contain(expected);
    }

    [Fact]
    public void A_malformed_source_date_epoch_is_named()
    {
        using var fixture = new BuildFixture();
        fixture.Environment.Variables["SOURCE_DATE_EPOCH"] = "yesterday";

        fixture.Run("--target=Clean").Should().Be(-1);

        fixture.Output.Should().Be("Error: SOURCE_DATE_EPOCH=yesterday is not a number of seconds since 1970-01-01 UTC. Use for example SOURCE_DATE_EPOCH=1700000000.\n");
    }

    [Fact]
    public void The_tasks_are_described()
    {
        using var fixture = new BuildFixture();

        fixture.Run("--description").Should().Be(0);

        fixture.Output.Should().Contain("Clean ").And.Contain("Default ").And.Contain("Test ");
    }
}
