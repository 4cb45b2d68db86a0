using Hyperbake.Toolchains.Tests.Docker;

namespace Hyperbake.Toolchains.Tests.DeviceTree;

[Collection(DockerCollection.Name)]
public sealed class DeviceTreeCompilerDockerTests(DockerFixture fixture)
{
    [Fact]
    public void Compiles_a_board_with_includes_and_macros() => DeviceTreeCompilerChecks.Compiles_a_board_with_includes_and_macros(fixture.Runner);

    [Fact]
    public void Compiles_an_overlay_with_symbols() => DeviceTreeCompilerChecks.Compiles_an_overlay_with_symbols(fixture.Runner);

    [Fact]
    public void A_syntax_error_in_an_included_file_names_that_file_and_line() => DeviceTreeCompilerChecks.A_syntax_error_in_an_included_file_names_that_file_and_line(fixture.Runner);

    [Fact]
    public void A_missing_include_names_the_including_file_and_line() => DeviceTreeCompilerChecks.A_missing_include_names_the_including_file_and_line(fixture.Runner);
}
