using Hyperbake.Cache.Store;

namespace Build.Tests.Incremental;

/// <summary>
/// A build killed at any moment (SIGKILL or SIGINT) leaves nothing a later build would use: after
/// every series of kills, a build to the end gives the same release files as a clean build, and
/// every cache entry left behind verifies.
/// </summary>
[Collection(LiveBuildCollection.Name)]
public sealed class KillTests(LiveBuildFixture fixture)
{
    private const int Kills = 20;

    [Fact]
    public void Builds_killed_at_random_moments_then_finished_equal_a_clean_build()
    {
        // The kernel and GRUB stages are seeded (seconds each, and covered by the concurrency and explain tests);
        // kill times spread over what is left of a build.
        var random = new Random(20251122);
        var window = TimeSpan.FromSeconds(Math.Max(3, fixture.ReferenceDuration.TotalSeconds * 0.35));
        var kills = new List<string>();
        string? cache = null;
        for (var round = 0; kills.Count < Kills; round++)
        {
            round.Should().BeLessThan(60, "the builds must make progress between kills");

            // Every third round keeps the last round's cache with an empty dist/: kills then land in restores.
            cache = round % 3 == 2 && cache is not null ? cache : fixture.SeedCache($"kill-cache-{round}", LiveBuildFixture.SlowUpstream);
            var dist = fixture.Work[$"kill-dist-{round}"];
            while (true)
            {
                var at = TimeSpan.FromSeconds(0.2 + (random.NextDouble() * window.TotalSeconds));
                var signal = random.Next(2) == 0 ? "KILL" : "INT";
                var run = LiveBuildFixture.Build(fixture.Root, cache, dist);
                if (!run.KillAfter(at, signal))
                {
                    run.Wait(LiveBuildFixture.BuildTimeout).Should().Be(0, run.Output);
                    break;
                }

                kills.Add($"round {round}: SIG{signal} at {at.TotalSeconds:F2} s");
            }

            LiveBuildFixture.ReadRelease(dist).Should().Equal(fixture.Reference, $"after {string.Join(", ", kills)}");
            var store = new ContentStore(cache);
            store.Keys().Where(k => !store.Verify(k)).Should().BeEmpty("no cache entry may be damaged or incomplete");
        }
    }
}
