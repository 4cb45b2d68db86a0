using Hyperbake.Cache.Store;
using Hyperbake.Host;

namespace Build.Caching;

/// <summary>
/// The <c>[Cache]</c> settings (cake.config, <c>CAKE_CACHE_*</c>, or <c>--cache_path=…</c>):
/// <c>Path</c> the task-output store (default the user's cache folder, shared by checkouts),
/// <c>MaxSize</c> the least-recently-used eviction limit, <c>Link</c> how cached outputs reach
/// dist/ (auto, copy, hardlink), and <c>Downloads</c> where fetched packages are kept (default:
/// the store's folder; a private store can share downloads with the user's cache).
/// </summary>
public sealed record CacheSettings(string Path, long? MaxSize, LinkMode Link, string? Downloads)
{
    public static CacheSettings From(ICakeContext context, string root)
    {
        string? Get(string key) => context.Configuration.GetValue(key) is { Length: > 0 } v ? v.Trim() : null;
        var path = Get("Cache_Path") is { } configured ? System.IO.Path.GetFullPath(configured, root) : ContentStore.DefaultRoot();
        var maxSize = Get("Cache_MaxSize") is { } size && size != "0" ? ByteSize.Parse(size, "Cache_MaxSize") : (long?)null;
        var link = Get("Cache_Link") switch
        {
            null or "auto" => LinkMode.Auto,
            "copy" => LinkMode.Copy,
            "hardlink" => LinkMode.HardLink,
            var other => throw new ArgumentException($"Cache_Link='{other}' is not a link mode; use auto (reflink, else sparse copy), copy or hardlink."),
        };
        var downloads = Get("Cache_Downloads") is { } d ? System.IO.Path.GetFullPath(d, root) : null;
        return new CacheSettings(path, maxSize, link, downloads);
    }
}
