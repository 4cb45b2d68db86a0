using System.Text;
using Build.Caching;
using Hyperbake.Cache.Fingerprints;

namespace Build.Tests.Caching;

public sealed class StageStateFileTests
{
    private static readonly StageState State = new(
        "3f2a9c",
        [new StageOutputStamp("rootfs.img", 13_524_992, 639_309_371_651_044_919, "1e9685fb"), new StageOutputStamp("parts/live/rootfs.img.blocks", 6_621, 639_309_371_651_044_920)],
        [
            new FingerprintInput("file", "recipes/files/live/init", "5d1c"),
            new FingerprintInput("value", "layout", "77aa", "efi 36M\tImgA 300M\nconfig \\ 1M"),
            new FingerprintInput("value", "-", "-", "-"),
        ],
        "/work/dist/amd64/1.0.0-dirty");

    [Fact]
    public void A_state_reads_back_as_written_whatever_its_values_hold()
    {
        var back = StageStateFile.Read(StageStateFile.Write(State));

        back.Should().NotBeNull();
        back!.Key.Should().Be(State.Key);
        back.Directory.Should().Be(State.Directory);
        back.Outputs.Should().Equal(State.Outputs);
        back.Inputs.Should().Equal(State.Inputs);
        StageStateFile.Read(StageStateFile.Write(State with { Directory = null }))!.Directory.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"Key\": \"3f2a9c\"}")]
    [InlineData("hyperbake stage state 1\nkey\t3f2a9c\n")]
    [InlineData("hyperbake stage state 1\nkey\t3f2a9c\nout\tnot-a-number\t1\t-\tx\nend\n")]
    public void A_truncated_damaged_or_foreign_file_is_no_state(string text) =>
        StageStateFile.Read(Encoding.UTF8.GetBytes(text)).Should().BeNull();

    [Fact]
    public void A_file_cut_anywhere_is_no_state()
    {
        var bytes = StageStateFile.Write(State);

        for (var length = 0; length < bytes.Length; length++)
        {
            StageStateFile.Read(bytes[..length]).Should().BeNull($"the first {length} bytes are not a whole state");
        }
    }
}
