using System.Security.Cryptography;
using Hyperbake.Imaging.Trees;
using Hyperbake.Toolchains.Debian.Xz;

namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Debian binary packages as a build input, pinned like EVE pins Alpine packages: <see cref="Resolve"/> reads the
/// mirror's Packages index (verified against the suite's Release) and follows dependencies;
/// <see cref="UpdateLock"/> writes the lock; <see cref="Fetch"/> downloads a pinned .deb once into the cache and
/// checks its sha256 every time; <see cref="Extract"/> turns it into a FileTree, decompressing it once per machine
/// (<see cref="PackageDataCache"/>). No root, no apt.
/// </summary>
public sealed class DebianFeed : IDisposable
{
    private readonly ToolchainSettings settings;
    private readonly Lazy<HttpClient> http;
    private readonly string aptRoot;
    private readonly Dictionary<string, PackageIndex> indexes = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string? mirror;

    /// <param name="handler">The HTTP handler (tests count requests with it); null = a default one.</param>
    /// <param name="extractedRoot">
    /// Where decompressed package data is kept; null = beside the downloads. A build passes its
    /// own cache folder: decompressed data is derived, like any stage output, not a download.
    /// </param>
    public DebianFeed(ToolchainSettings settings, HttpMessageHandler? handler = null, string aptRoot = "/etc/apt", Action<string>? log = null, string? extractedRoot = null)
    {
        this.settings = settings;
        this.aptRoot = aptRoot;
        mirror = settings.DebianMirror?.TrimEnd('/');
        // Made on the first download: a build whose packages are all cached does not load the HTTP stack.
        http = new Lazy<HttpClient>(() => new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: handler is null) { Timeout = TimeSpan.FromMinutes(30) });
        Log = log;
        Extractor = new DebExtractor(extractedRoot ?? Path.Combine(settings.CacheRoot, "extracted"));
    }

    public Action<string>? Log { get; set; }

    public string Suite => settings.DebianSuite;

    /// <summary>The mirror, resolved only when something must be downloaded (a warm cache needs none).</summary>
    public string Mirror => mirror ??= AptSources.ResolveMirror(settings, aptRoot);

    public string CacheDirectory => settings.DebCacheDirectory;

    public DebExtractor Extractor { get; }

    /// <summary>Resolves packages (and, by default, all their dependencies) against the mirror's current index.</summary>
    public IReadOnlyList<LockedPackage> Resolve(IEnumerable<string> packages, string architecture, ResolveOptions? options = null) =>
        DependencyResolver.Resolve(Index(architecture), Suite, architecture, packages, options);

    /// <summary>Resolves requests that each say how deep their dependencies go (kernels 1, files-only packages 0).</summary>
    public IReadOnlyList<LockedPackage> Resolve(IEnumerable<PackageRequest> requests, string architecture, ResolveOptions? options = null) =>
        DependencyResolver.Resolve(Index(architecture), Suite, architecture, requests, options);

    /// <summary>
    /// Resolves every architecture's package list and writes the lock (what <c>--target=UpdateLock</c> runs).
    /// Sections for other suites/architectures already in the lock are kept.
    /// </summary>
    public PackageLock UpdateLock(string lockPath, IReadOnlyDictionary<string, IReadOnlyList<string>> packagesByArchitecture, ResolveOptions? options = null) =>
        UpdateLock(lockPath, packagesByArchitecture.ToDictionary(p => p.Key, p => (IReadOnlyList<PackageRequest>)[.. p.Value.Select(n => new PackageRequest(n))]), options);

    /// <summary>As <see cref="UpdateLock(string, IReadOnlyDictionary{string, IReadOnlyList{string}}, ResolveOptions?)"/>, with a depth per request.</summary>
    public PackageLock UpdateLock(string lockPath, IReadOnlyDictionary<string, IReadOnlyList<PackageRequest>> packagesByArchitecture, ResolveOptions? options = null)
    {
        var packageLock = File.Exists(lockPath) ? PackageLock.Load(lockPath) : new PackageLock();
        foreach (var (arch, packages) in packagesByArchitecture.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            packageLock.Replace(Suite, arch, Resolve(packages, arch, options));
        }

        packageLock.Save(lockPath);
        return packageLock;
    }

    /// <summary>The cached .deb for a pinned package, downloading it when absent or when the cached copy fails its sha256.</summary>
    public string Fetch(LockedPackage package)
    {
        Directory.CreateDirectory(CacheDirectory);
        var path = Path.Combine(CacheDirectory, package.Sha256.ToLowerInvariant() + ".deb");
        if (File.Exists(path))
        {
            if (HashOf(path) == package.Sha256.ToLowerInvariant())
            {
                return path;
            }

            Log?.Invoke($"Cached {Path.GetFileName(path)} ({package}) fails its sha256; fetching it again.");
            File.Delete(path);
        }

        Download($"{Mirror}/{package.Filename}", path, package.Sha256, package.Size, package.ToString());
        return path;
    }

    public IReadOnlyList<string> Fetch(IEnumerable<LockedPackage> packages) => [.. packages.Select(Fetch)];

    /// <summary>
    /// Adds a pinned package's files to a tree (a new one when <paramref name="into"/> is null). The .deb
    /// is fetched (and checked) only when its decompressed data is not cached yet.
    /// </summary>
    public FileTree Extract(LockedPackage package, FileTree? into = null) =>
        Extractor.Extract(package.Sha256.ToLowerInvariant(), () => Fetch(package), package.ToString(), into);

    public void Dispose()
    {
        if (http.IsValueCreated)
        {
            http.Value.Dispose();
        }
    }

    /// <summary>The Packages index of the suite's main component for an architecture, cached by its sha256.</summary>
    public PackageIndex Index(string architecture)
    {
        lock (gate)
        {
            if (indexes.TryGetValue(architecture, out var known))
            {
                return known;
            }

            var releaseUrl = $"{Mirror}/dists/{Suite}/Release";
            var release = ReleaseFile.Parse(GetString(releaseUrl), releaseUrl);
            var xz = $"main/binary-{architecture}/Packages.xz";
            var gz = $"main/binary-{architecture}/Packages.gz";
            var (name, listed) = release.Find(xz) is { } x ? (xz, x) : release.Find(gz) is { } g ? (gz, g)
                : throw new KeyNotFoundException($"{releaseUrl} lists no {xz} or {gz}: is '{architecture}' a Debian architecture of {Suite}?");
            var indexDirectory = Path.Combine(settings.CacheRoot, "indexes");
            Directory.CreateDirectory(indexDirectory);
            var cached = Path.Combine(indexDirectory, listed.Sha256 + Path.GetExtension(name));
            if (!File.Exists(cached) || HashOf(cached) != listed.Sha256)
            {
                Download($"{Mirror}/dists/{Suite}/{name}", cached, listed.Sha256, listed.Size, $"{Suite} {name}");
            }

            using var file = File.OpenRead(cached);
            using Stream decompressed = name.EndsWith(".xz", StringComparison.Ordinal)
                ? new XzDecoderStream(file, leaveOpen: true)
                : new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
            using var reader = new StreamReader(decompressed);
            var index = PackageIndex.Parse(reader, $"{Suite} {name}");
            indexes[architecture] = index;
            return index;
        }
    }

    private string GetString(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = Send(request, url);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return reader.ReadToEnd();
    }

    private void Download(string url, string destination, string sha256, long size, string what)
    {
        Log?.Invoke($"Fetching {what} from {url}");
        var temp = $"{destination}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (var response = Send(request, url))
            using (var body = response.Content.ReadAsStream())
            using (var output = File.Create(temp))
            {
                body.CopyTo(output);
            }

            var length = new FileInfo(temp).Length;
            var actual = HashOf(temp);
            if (actual != sha256.ToLowerInvariant() || (size > 0 && length != size))
            {
                throw new InvalidDataException(
                    $"{url} ({what}) has sha256 {actual} and {length} bytes, but {sha256} and {size} bytes are pinned. " +
                    "The mirror serves different bytes: check Toolchain_DebianMirror, or run ./build.sh --target=UpdateLock if the suite moved on.");
            }

            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private HttpResponseMessage Send(HttpRequestMessage request, string url)
    {
        HttpResponseMessage response;
        try
        {
            response = http.Value.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"Cannot reach {url}: {e.Message}. Check the network or set Toolchain_DebianMirror.", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"{url} answered {(int)status} {status}. The package may have left the mirror: run ./build.sh --target=UpdateLock.", null, status);
        }

        return response;
    }

    private static string HashOf(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
