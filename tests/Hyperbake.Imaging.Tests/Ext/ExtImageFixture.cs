using System.Collections.Concurrent;
using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>Builds each awkward-tree image once per test class and checks it with the e2fsprogs tools.</summary>
public sealed class ExtImageFixture : IDisposable
{
    public const string Label = "hb-test";
    public static readonly Guid Uuid = Guid.Parse("0123abcd-4567-489a-bcde-f0123456789a");
    public static readonly Guid HashSeed = Guid.Parse("feedface-0000-4111-8222-123456789abc");

    private readonly ConcurrentDictionary<(ExtRevision, int), Lazy<string>> _images = new();

    public TempDirectory Directory { get; } = new("hyperbake-ext-");

    public static ExtFileSystemOptions Options(ExtRevision revision, int blockSize, ExtDirectoryHash hash = ExtDirectoryHash.HalfMd4) => new()
    {
        Revision = revision,
        DirectoryHash = hash,
        BlockSize = blockSize,
        Label = Label,
        Uuid = Uuid,
        HashSeed = HashSeed,
        SourceDateEpoch = AwkwardTree.Epoch,
    };

    /// <summary>The awkward tree written as <paramref name="revision"/> with <paramref name="blockSize"/>-byte blocks.</summary>
    public string Image(ExtRevision revision, int blockSize = 4096) =>
        _images.GetOrAdd((revision, blockSize), key => new Lazy<string>(() =>
        {
            var path = Directory[$"{key.Item1}-{key.Item2}.img"];
            Write(AwkwardTree.Create(), Options(key.Item1, key.Item2), path);
            return path;
        })).Value;

    public static long Write(FileTree tree, ExtFileSystemOptions options, string path)
    {
        var builder = new ExtFileSystemBuilder(tree, options);
        var size = builder.ComputeSize();
        using var output = File.Create(path);
        builder.WriteTo(output);
        output.Length.Should().Be(size, "WriteTo writes exactly ComputeSize() bytes");
        return size;
    }

    /// <summary>e2fsck -fn must exit 0 and print nothing but its five pass headers and the summary.</summary>
    public static void AssertClean(string image, string label = Label)
    {
        var r = ExternalTool.Run("e2fsck", "-fn", image);
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] passes =
        [
            "Pass 1: Checking inodes, blocks, and sizes",
            "Pass 2: Checking directory structure",
            "Pass 3: Checking directory connectivity",
            "Pass 4: Checking reference counts",
            "Pass 5: Checking group summary information",
        ];
        lines.Should().HaveCount(6, $"e2fsck reported problems:\n{r.Output}");
        lines[..5].Should().Equal(passes, $"e2fsck reported problems:\n{r.Output}");
        lines[5].Should().MatchRegex($@"^{System.Text.RegularExpressions.Regex.Escape(label.Length > 0 ? label : image)}: \d+/\d+ files \(\d+\.\d% non-contiguous\), \d+/\d+ blocks$");
        r.StdErr.Trim().Should().MatchRegex(@"^e2fsck [\d.]+ \(.*\)$", "e2fsck printed only its version on stderr");
        r.ExitCode.Should().Be(0, r.Output);
    }

    public void Dispose() => Directory.Dispose();
}
