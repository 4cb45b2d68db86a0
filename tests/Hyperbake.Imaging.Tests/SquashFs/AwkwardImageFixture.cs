using Hyperbake.Imaging.SquashFs;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.SquashFs;

/// <summary>The awkward tree and its image, built once (in parallel) for the tests that only read it.</summary>
public sealed class AwkwardImageFixture : IDisposable
{
    public AwkwardImageFixture()
    {
        Tree = SquashFsTrees.Awkward();
        Expected = TreeSnapshot.FromTree(Tree);
        using var builder = new SquashFsBuilder(Tree, new SquashFsOptions { SourceDateEpoch = SquashFsTrees.Epoch, MaxDegreeOfParallelism = 4 });
        Info = builder.Build(ImagePath);
    }

    public TempDirectory Temp { get; } = new("hyperbake-squashfs-");

    public FileTree Tree { get; }

    public List<string> Expected { get; }

    public SquashFsBuildInfo Info { get; }

    public string ImagePath => Temp["awkward.sqfs"];

    public void Dispose() => Temp.Dispose();
}
