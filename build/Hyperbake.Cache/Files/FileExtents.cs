using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Cache.Files;

/// <summary>Where a file keeps data: a 1 GiB disk image with 30 MiB written is read as 30 MiB, not 1 GiB.</summary>
public static class FileExtents
{
    /// <summary>The data extents of an open file, in order; the whole file when the file system cannot tell holes apart.</summary>
    public static IReadOnlyList<FileExtent> Data(SafeFileHandle file, long length)
    {
        if (length == 0)
        {
            return [];
        }

        var extents = new List<FileExtent>();
        var data = NativeFile.NextData(file, 0);
        while (data >= 0 && data < length)
        {
            var hole = NativeFile.NextHole(file, data);
            if (hole == NativeFile.Unknown)
            {
                return [new FileExtent(0, length)];
            }

            hole = Math.Min(hole, length);
            extents.Add(new FileExtent(data, hole - data));
            data = hole >= length ? NativeFile.NoMoreData : NativeFile.NextData(file, hole);
        }

        return data == NativeFile.Unknown ? [new FileExtent(0, length)] : extents;
    }

    /// <summary>The data extents of a file by path.</summary>
    public static IReadOnlyList<FileExtent> Data(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Data(handle, RandomAccess.GetLength(handle));
    }

    /// <summary>The bytes the extents hold.</summary>
    public static long DataLength(IEnumerable<FileExtent> extents) => extents.Sum(e => e.Length);
}
