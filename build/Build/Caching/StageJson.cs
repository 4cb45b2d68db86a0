using System.Text.Json.Serialization;

namespace Build.Caching;

/// <summary>Stage state files, serialized by generated code (read by every build before any work; see <see cref="Hyperbake.Cache.CacheJson"/>).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StageState))]
internal sealed partial class StageJson : JsonSerializerContext;
