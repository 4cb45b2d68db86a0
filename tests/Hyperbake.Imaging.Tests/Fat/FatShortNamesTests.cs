using System.Text;
using Hyperbake.Imaging.Fat;

namespace Hyperbake.Imaging.Tests.Fat;

public sealed class FatShortNamesTests
{
    [Fact]
    public void Upper_case_8_3_names_are_stored_as_they_are()
    {
        var names = FatShortNames.Assign(["KERNEL.IMG", "EFI"], "");

        names.Select(n => n.ShortNameText).Should().Equal("KERNEL  IMG", "EFI        ");
        names.Should().OnlyContain(n => !n.HasLongName && n.CaseFlags == 0);
    }

    [Fact]
    public void Lower_case_8_3_names_use_the_nt_case_flags()
    {
        var names = FatShortNames.Assign(["readme.txt", "BOOT.cfg", "grub"], "");

        names.Should().OnlyContain(n => !n.HasLongName);
        names.Select(n => n.CaseFlags).Should().Equal((byte)0x18, (byte)0x10, (byte)0x08);
    }

    [Fact]
    public void Other_names_get_unique_numbered_short_names()
    {
        var names = FatShortNames.Assign(["ABC.TXT", "abc.txt", "Abc.txt", "very long name.text", "very long name 2.text", ".bashrc", "日本.txt", "a+b=c.txt"], "");

        names.Select(n => n.ShortNameText).Should().Equal(
            "ABC     TXT", "ABC~1   TXT", "ABC~2   TXT", "VERYLO~1TEX", "VERYLO~2TEX", "BASHRC~1   ", "__~1    TXT", "A_B_C~1 TXT");
        names.Skip(1).Should().OnlyContain(n => n.HasLongName);
    }

    [Fact]
    public void Thousands_of_similar_names_stay_unique()
    {
        var input = Enumerable.Range(0, 5000).Select(i => $"entry-{i:D5}.txt").ToList();

        var names = FatShortNames.Assign(input, "many");

        names.Select(n => n.ShortNameText).Distinct().Should().HaveCount(5000);
        names[4999].ShortNameText.Should().Be("ENT~5000TXT");
    }

    [Fact]
    public void Long_name_checksum_follows_the_rotate_and_add_rule()
    {
        // Computed by hand: rotate right, add the next byte, over "FOO     BAR".
        byte expected = 0;
        foreach (var b in Encoding.ASCII.GetBytes("FOO     BAR"))
        {
            expected = (byte)(((expected & 1) << 7) + (expected >> 1) + b);
        }

        FatLongNameEntry.Checksum(Encoding.ASCII.GetBytes("FOO     BAR")).Should().Be(expected);
    }

    [Fact]
    public void Characters_beyond_the_basic_plane_are_stored_as_surrogate_pairs()
    {
        var target = new byte[32];
        FatLongNameEntry.Write(target, "😀", 0);

        BitConverter.ToUInt16(target, 1).Should().Be(0xD83D);
        BitConverter.ToUInt16(target, 3).Should().Be(0xDE00);
        BitConverter.ToUInt16(target, 5).Should().Be(0);
    }

    [Fact]
    public void Long_name_entries_are_stored_last_piece_first_and_padded()
    {
        var target = new byte[64];
        var used = FatLongNameEntry.Write(target, "0123456789abcdef", 0x5A);

        used.Should().Be(64);
        target[0].Should().Be(0x42, "the first entry on disk is the second piece, flagged last");
        target[32].Should().Be(0x01);
        target[11].Should().Be(0x0F);
        target[13].Should().Be(0x5A);
        BitConverter.ToUInt16(target, 1).Should().Be('d');
        BitConverter.ToUInt16(target, 7).Should().Be(0, "the name ends with a NUL");
        BitConverter.ToUInt16(target, 9).Should().Be(0xFFFF, "then 0xFFFF padding");
    }
}
