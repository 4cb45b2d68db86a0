using Hyperbake.Model.Layers;
using Hyperbake.Testing;

namespace Hyperbake.Model.Tests.Layers;

public sealed class LayerSetTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private void Write(string relative, string text)
    {
        var path = _root[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Layers_are_ordered_by_priority()
    {
        Write("layers/bsp/layer.yaml", "name: bsp\npriority: 20\ndepends: [core]\n");
        Write("layers/core/layer.yaml", "name: core\npriority: 1\n");

        LayerSet.Load(_root.Path).Layers.Select(l => l.Name).Should().Equal("core", "bsp");
    }

    [Fact]
    public void A_missing_dependency_is_named()
    {
        Write("layers/bsp/layer.yaml", "name: bsp\npriority: 20\ndepends: [core]\n");

        var act = () => LayerSet.Load(_root.Path);

        act.Should().Throw<ModelException>().WithMessage("layers/bsp/layer.yaml: layer 'bsp' depends on layer 'core', which is not in layers/.*");
    }

    [Fact]
    public void A_layer_name_must_match_its_folder()
    {
        Write("layers/bsp/layer.yaml", "name: board\n");

        var act = () => LayerSet.Load(_root.Path);

        act.Should().Throw<ModelException>().WithMessage("layers/bsp/layer.yaml:1: layer name 'board' differs from its folder 'bsp'*");
    }

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        Write("layers/core/layer.yaml", "name: core\npriority: [1\n");

        var act = () => LayerSet.Load(_root.Path);

        act.Should().Throw<ModelException>().WithMessage("layers/core/layer.yaml:*: invalid YAML*");
    }
}
