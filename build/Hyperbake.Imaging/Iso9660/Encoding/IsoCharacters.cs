namespace Hyperbake.Imaging.Iso9660.Encoding;

/// <summary>The character repertoires of ECMA-119 7.4: d-characters (names) and a-characters (descriptive text).</summary>
internal static class IsoCharacters
{
    private const string ACharacterPunctuation = " !\"%&'()*+,-./:;<=>?_";

    public static bool IsDCharacter(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    /// <summary>Upper-cases and replaces everything outside the d-characters with '_'.</summary>
    public static string ToDCharacters(string text)
    {
        var chars = text.ToUpperInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsDCharacter(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    /// <summary>Upper-cases and replaces everything outside the a-characters with '_'.</summary>
    public static string ToACharacters(string text)
    {
        var chars = text.ToUpperInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsDCharacter(chars[i]) && !ACharacterPunctuation.Contains(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
