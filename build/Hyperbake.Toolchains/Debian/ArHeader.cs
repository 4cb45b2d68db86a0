using System.Text;

namespace Hyperbake.Toolchains.Debian;

/// <summary>A member header of an ar archive (the container of a .deb): 60 ASCII bytes, numbers in decimal/octal text.</summary>
public readonly record struct ArHeader(string Name, long Size, int Mode)
{
    public const string GlobalMagic = "!<arch>\n";
    public const int Size_ = 60;
    public const int NameOffset = 0;
    public const int NameLength = 16;
    public const int ModificationTimeOffset = NameOffset + NameLength;
    public const int ModificationTimeLength = 12;
    public const int OwnerOffset = ModificationTimeOffset + ModificationTimeLength;
    public const int OwnerLength = 6;
    public const int GroupOffset = OwnerOffset + OwnerLength;
    public const int GroupLength = 6;
    public const int ModeOffset = GroupOffset + GroupLength;
    public const int ModeLength = 8;
    public const int SizeOffset = ModeOffset + ModeLength;
    public const int SizeLength = 10;
    public const int EndMagicOffset = SizeOffset + SizeLength;

    public static ArHeader Read(ReadOnlySpan<byte> header, string origin)
    {
        if (header[EndMagicOffset] != '`' || header[EndMagicOffset + 1] != '\n')
        {
            throw new FormatException($"{origin}: an ar member header does not end with \"`\\n\"; the file is not a valid .deb.");
        }

        var name = Encoding.ASCII.GetString(header.Slice(NameOffset, NameLength)).TrimEnd(' ');

        // GNU ar ends names with '/'; dpkg-deb does not.
        name = name.TrimEnd('/');
        var size = long.Parse(Encoding.ASCII.GetString(header.Slice(SizeOffset, SizeLength)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var modeText = Encoding.ASCII.GetString(header.Slice(ModeOffset, ModeLength)).Trim();
        var mode = modeText.Length == 0 ? 0 : Convert.ToInt32(modeText, 8);
        return new ArHeader(name, size, mode);
    }
}
