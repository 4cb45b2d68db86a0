using System.Text.Json.Serialization;
using Hyperbake.Cache.Store;

namespace Hyperbake.Cache;

/// <summary>
/// The cache's JSON, serialized by generated code: every build reads these files first thing, and
/// the reflection-based serializer costs tens of milliseconds to warm up.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(CacheManifest))]
public sealed partial class CacheJson : JsonSerializerContext;
