namespace Build.Caching;

/// <summary>Where a stage's outputs are kept between builds.</summary>
public enum StageStorage
{
    /// <summary>In dist/ and in the content-addressed cache (restored into any checkout or dist/ folder).</summary>
    Cache,

    /// <summary>In dist/ only: outputs rebuilt from cached parts faster than a copy from the cache could restore them.</summary>
    DistOnly,
}
