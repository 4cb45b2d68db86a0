namespace Hyperbake.Model.Platforms;

/// <summary>
/// A board or machine family the image targets, from <c>layers/&lt;layer&gt;/platforms/&lt;name&gt;.yaml</c>:
/// the arches and hypervisors it supports, in order of preference.
/// </summary>
public sealed record PlatformDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Arches,
    IReadOnlyList<string> Hypervisors,
    string Layer,
    string SourcePath);
