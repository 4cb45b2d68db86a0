using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>What a reader should show for a tree node, in the forms ls and stat print.</summary>
internal static class TreeExpectations
{
    public static string LsMode(FileNode node)
    {
        var type = node.Kind switch
        {
            FileNodeKind.Directory => 'd',
            FileNodeKind.Symlink => 'l',
            FileNodeKind.CharDevice => 'c',
            FileNodeKind.BlockDevice => 'b',
            FileNodeKind.Fifo => 'p',
            FileNodeKind.Socket => 's',
            _ => '-',
        };
        var m = node.Mode;
        var chars = new char[10];
        chars[0] = type;
        var rwx = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            chars[i + 1] = (m & (1 << (8 - i))) != 0 ? rwx[i] : '-';
        }

        if ((m & 0x800) != 0)
        {
            chars[3] = chars[3] == 'x' ? 's' : 'S';
        }

        if ((m & 0x400) != 0)
        {
            chars[6] = chars[6] == 'x' ? 's' : 'S';
        }

        if ((m & 0x200) != 0)
        {
            chars[9] = chars[9] == 'x' ? 't' : 'T';
        }

        return new string(chars);
    }

    public static IEnumerable<FileTreeEntry> Entries(FileTree tree) => tree.Walk().Where(e => e.Path.Length > 0);
}
