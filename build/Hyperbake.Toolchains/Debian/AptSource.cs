namespace Hyperbake.Toolchains.Debian;

/// <summary>One apt source: a repository URI with its suites and components (from a one-line entry or a deb822 stanza).</summary>
public sealed record AptSource(string Type, string Uri, IReadOnlyList<string> Suites, IReadOnlyList<string> Components, string Origin);
