namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>
/// Derives Joliet identifiers: the name in UCS-2 with the characters Joliet forbids (controls,
/// * / : ; ? \) and characters outside the BMP replaced by '_', at most 64 characters (plus ";1"
/// on files), keeping a short extension when shortening, as xorriso does.
/// </summary>
internal static class JolietNaming
{
    public const int MaxLength = 64;

    private const int PreferredExtensionLength = 16;

    public static string FileIdentifier(string posixName, UniqueNames names)
    {
        var clean = Clean(posixName);
        var dot = clean.LastIndexOf('.');
        var name = dot > 0 ? clean[..dot] : clean;
        var extension = dot > 0 ? clean[dot..] : "";
        if (name.Length + extension.Length > MaxLength)
        {
            if (extension.Length > PreferredExtensionLength)
            {
                name = clean;
                extension = "";
            }

            name = name[..Math.Min(name.Length, MaxLength - extension.Length)];
        }

        return names.Claim(name, extension, MaxLength) + ";1";
    }

    public static string DirectoryIdentifier(string posixName, UniqueNames names)
    {
        var clean = Clean(posixName);
        return names.Claim(clean[..Math.Min(clean.Length, MaxLength)], "", MaxLength);
    }

    private static string Clean(string posixName)
    {
        var builder = new System.Text.StringBuilder(posixName.Length);
        for (var i = 0; i < posixName.Length; i++)
        {
            var c = posixName[i];
            if (char.IsHighSurrogate(c) && i + 1 < posixName.Length && char.IsLowSurrogate(posixName[i + 1]))
            {
                i++;
                builder.Append('_');
            }
            else if (c < 0x20 || c is '*' or '/' or ':' or ';' or '?' or '\\' || char.IsSurrogate(c))
            {
                builder.Append('_');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
