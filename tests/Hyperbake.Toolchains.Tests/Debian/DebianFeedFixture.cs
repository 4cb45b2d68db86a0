using Hyperbake.Testing;
using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

/// <summary>
/// One feed over a private cache for the feed tests, so the mirror's index is downloaded and decoded once
/// per run; each test that counts downloads clears what it fetches first.
/// </summary>
public sealed class DebianFeedFixture : IDisposable
{
    public DebianFeedFixture()
    {
        Cache = new TempDirectory("hyperbake-feed-");
        Handler = new CountingHandler();
        Settings = new ToolchainSettings { CachePath = Cache.Path };
        Feed = new DebianFeed(Settings, Handler);
    }

    public TempDirectory Cache { get; }

    public CountingHandler Handler { get; }

    public ToolchainSettings Settings { get; }

    public DebianFeed Feed { get; }

    public void Dispose()
    {
        Feed.Dispose();
        Handler.Dispose();
        Cache.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DebianFeedCollection : ICollectionFixture<DebianFeedFixture>
{
    public const string Name = "debian-feed";
}
