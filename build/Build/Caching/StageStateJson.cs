using System.Text.Json.Serialization;

namespace Build.Caching;

/// <summary>
/// The JSON form of <see cref="StageState"/>, generated at compile time: every stage reads and writes
/// one, and the reflection-based serializer's first use costs a no-change stage more than its check.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StageState))]
internal sealed partial class StageStateJson : JsonSerializerContext;
