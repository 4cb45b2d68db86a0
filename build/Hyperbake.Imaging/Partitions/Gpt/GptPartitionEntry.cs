using System.Buffers.Binary;
using System.Text;

namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>One 128-byte GPT partition entry.</summary>
public sealed record GptPartitionEntry(Guid TypeGuid, Guid UniqueGuid, long FirstLba, long LastLba, ulong Attributes, string Name)
{
    public const int Size = 128;

    /// <summary>The name field holds 36 UTF-16 code units.</summary>
    public const int MaxNameLength = 36;

    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        GuidEncoding.WriteMixedEndian(d[FieldLocations.PartitionTypeGuid..], TypeGuid);
        GuidEncoding.WriteMixedEndian(d[FieldLocations.UniquePartitionGuid..], UniqueGuid);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.StartingLba..], FirstLba);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.EndingLba..], LastLba);
        BinaryPrimitives.WriteUInt64LittleEndian(d[FieldLocations.Attributes..], Attributes);
        CheckName(Name);
        Encoding.Unicode.GetBytes(Name, d[FieldLocations.PartitionName..]);
    }

    /// <summary>Throws when a name does not fit the 36 UTF-16 code units of the entry.</summary>
    public static void CheckName(string name)
    {
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException(
                $"GPT partition name '{name}' is {name.Length} UTF-16 code units; the entry holds at most {MaxNameLength}. Shorten the name.");
        }
    }

    /// <summary>Byte offsets of the entry's fields.</summary>
    public static class FieldLocations
    {
        public const int PartitionTypeGuid = 0;
        public const int UniquePartitionGuid = 16;
        public const int StartingLba = 32;
        public const int EndingLba = 40;
        public const int Attributes = 48;
        public const int PartitionName = 56;
    }
}
