using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Fat;

/// <summary>
/// The names of one directory as FAT stores them. A name that is already a valid upper-case 8.3
/// name is stored as is. An all-lower-case (per part) 8.3 name uses the NT case flags, as Linux
/// and Windows do. Everything else gets a long name plus a generated short name with a "~N" tail
/// that is unique in the directory (the same name twice in different case gets two short names).
/// </summary>
public static class FatShortNames
{
    private const string SpecialCharacters = "$%'-_@~`!(){}^#&";
    private const string InvalidLongNameCharacters = "\"*/:<>?\\|";

    /// <summary>Assigns FAT names to <paramref name="names"/> (one directory's, any order); the result is in the same order.</summary>
    public static FatName[] Assign(IReadOnlyList<string> names, string directoryPath)
    {
        var result = new FatName?[names.Count];
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        // Pass 1: names that are their own short name claim it first, so generated names avoid them.
        for (var i = 0; i < names.Count; i++)
        {
            ValidateLongName(names[i], directoryPath);
            if (TryPack(names[i], allowLowerCase: false, out var shortName, out _) && claimed.Add(shortName))
            {
                result[i] = new FatName(names[i], Encoding.ASCII.GetBytes(shortName), 0, false);
            }
        }

        // Pass 2: lower-case 8.3 names take their upper-case form with the NT case flags, if still free.
        for (var i = 0; i < names.Count; i++)
        {
            if (result[i] is null && TryPack(names[i], allowLowerCase: true, out var shortName, out var flags) && claimed.Add(shortName))
            {
                result[i] = new FatName(names[i], Encoding.ASCII.GetBytes(shortName), flags, false);
            }
        }

        // Pass 3: the rest get a long name and a numbered short name.
        var nextTail = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (result[i] is not null)
            {
                continue;
            }

            var (basis, extension) = Basis(names[i]);
            var key = basis + "." + extension;
            var n = nextTail.GetValueOrDefault(key, 1);
            string candidate;
            while (true)
            {
                var tail = "~" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (tail.Length > 7)
                {
                    throw new FileTreeException($"Directory '{directoryPath}' has too many names alike '{names[i]}' to give each a unique 8.3 name.");
                }

                candidate = basis[..Math.Min(basis.Length, 8 - tail.Length)] + tail;
                candidate = candidate.PadRight(8) + extension.PadRight(3);
                n++;
                if (claimed.Add(candidate))
                {
                    break;
                }
            }

            nextTail[key] = n;
            result[i] = new FatName(names[i], Encoding.ASCII.GetBytes(candidate), 0, true);
        }

        return result!;
    }

    /// <summary>Rejects names a VFAT long name cannot hold, naming the path and the fix.</summary>
    public static void ValidateLongName(string name, string directoryPath)
    {
        var path = directoryPath.Length == 0 ? name : directoryPath + "/" + name;
        if (name.Length > FatLongNameEntry.MaxNameLength)
        {
            throw new FileTreeException($"Name '{path}' is {name.Length} UTF-16 units long; FAT long names hold at most {FatLongNameEntry.MaxNameLength}. Shorten it.");
        }

        foreach (var c in name)
        {
            if (c < 0x20 || c == 0x7F || InvalidLongNameCharacters.Contains(c))
            {
                throw new FileTreeException($"Name '{path}' contains '{(c < 0x20 ? $"\\x{(int)c:X2}" : c.ToString())}', which FAT names cannot hold (not allowed: control characters and {InvalidLongNameCharacters}). Rename it.");
            }
        }

        if (name.EndsWith('.') || name.EndsWith(' '))
        {
            throw new FileTreeException($"Name '{path}' ends with a dot or space, which FAT drops when the name is looked up. Rename it.");
        }
    }

    /// <summary>The 11-character short form of a name that is already 8.3, with the NT case flags it needs.</summary>
    public static bool TryPack(string name, bool allowLowerCase, out string shortName, out byte caseFlags)
    {
        shortName = "";
        caseFlags = 0;
        var dot = name.IndexOf('.');
        if (dot == 0 || name.Length > 12 || (dot >= 0 && name.IndexOf('.', dot + 1) >= 0))
        {
            return false;
        }

        var basePart = dot < 0 ? name : name[..dot];
        var extension = dot < 0 ? "" : name[(dot + 1)..];
        if (basePart.Length is 0 or > 8 || extension.Length > 3 || (dot >= 0 && extension.Length == 0))
        {
            return false;
        }

        if (!TryPart(basePart, allowLowerCase, out var baseLower) || !TryPart(extension, allowLowerCase, out var extensionLower))
        {
            return false;
        }

        caseFlags = (byte)((baseLower ? FatDirectoryEntry.CaseLowerBase : 0) | (extensionLower ? FatDirectoryEntry.CaseLowerExtension : 0));
        shortName = basePart.ToUpperInvariant().PadRight(8) + extension.ToUpperInvariant().PadRight(3);
        return true;
    }

    public static bool IsShortNameCharacter(char c) => c is >= 'A' and <= 'Z' or >= '0' and <= '9' || SpecialCharacters.Contains(c);

    private static bool TryPart(string part, bool allowLowerCase, out bool lower)
    {
        bool anyLower = false, anyUpper = false;
        foreach (var c in part)
        {
            if (c is >= 'a' and <= 'z')
            {
                anyLower = true;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                anyUpper = true;
            }
            else if (!IsShortNameCharacter(c))
            {
                lower = false;
                return false;
            }
        }

        lower = anyLower;
        return !(anyLower && anyUpper) && (allowLowerCase || !anyLower);
    }

    /// <summary>The basis of a generated short name: upper case, spaces and leading dots dropped, other characters FAT cannot hold in 8.3 replaced by '_'.</summary>
    private static (string Basis, string Extension) Basis(string name)
    {
        var stripped = name.Replace(" ", "", StringComparison.Ordinal).TrimStart('.');
        var lastDot = stripped.LastIndexOf('.');
        var basePart = lastDot < 0 ? stripped : stripped[..lastDot].Replace(".", "", StringComparison.Ordinal);
        var extension = lastDot < 0 ? "" : stripped[(lastDot + 1)..];
        var basis = Map(basePart, 8);
        return (basis.Length == 0 ? "_" : basis, Map(extension, 3));
    }

    private static string Map(string part, int length)
    {
        var sb = new StringBuilder(length);
        foreach (var rune in part.EnumerateRunes())
        {
            if (sb.Length == length)
            {
                break;
            }

            var c = rune.IsAscii ? char.ToUpperInvariant((char)rune.Value) : '_';
            sb.Append(IsShortNameCharacter(c) ? c : '_');
        }

        return sb.ToString();
    }
}
