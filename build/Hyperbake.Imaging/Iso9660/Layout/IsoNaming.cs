using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>
/// Derives primary-volume identifiers (interchange level 2 rules of ECMA-119 7.5/7.6): d-characters
/// only, upper case, files as NAME.EXT;1 with name and extension at most 30 characters together,
/// directories at most 31. The real names travel in Rock Ridge NM; these are for plain readers.
/// </summary>
internal static class IsoNaming
{
    public const int MaxFileNameAndExtension = 30;
    public const int MaxDirectoryIdentifier = 31;

    /// <summary>Extensions are kept whole up to this length when a name must be shortened.</summary>
    private const int PreferredExtensionLength = 8;

    public static string FileIdentifier(string posixName, UniqueNames names)
    {
        var dot = posixName.LastIndexOf('.');
        var name = IsoCharacters.ToDCharacters(dot > 0 ? posixName[..dot] : posixName);
        var extension = dot > 0 ? IsoCharacters.ToDCharacters(posixName[(dot + 1)..]) : "";
        if (name.Length + extension.Length > MaxFileNameAndExtension)
        {
            extension = extension[..Math.Min(extension.Length, PreferredExtensionLength)];
            name = name[..Math.Min(name.Length, MaxFileNameAndExtension - extension.Length)];
        }

        // The '.' separator is always recorded (7.5.1), so the limit counts it too.
        var unique = names.Claim(name, "." + extension, MaxFileNameAndExtension + 1);
        return unique + ";1";
    }

    public static string DirectoryIdentifier(string posixName, UniqueNames names)
    {
        var name = IsoCharacters.ToDCharacters(posixName);
        name = name[..Math.Min(name.Length, MaxDirectoryIdentifier)];
        return names.Claim(name, "", MaxDirectoryIdentifier);
    }
}
