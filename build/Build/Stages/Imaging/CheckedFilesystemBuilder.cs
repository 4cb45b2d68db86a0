using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Imaging;

/// <summary>
/// A library builder as the imaging targets use it: a given size that is too small names the
/// bytes the tree needs; read-only types (squashfs, iso) are padded to a given size; every other
/// failure is reported as a problem of this image, with the builder's own explanation.
/// </summary>
public sealed class CheckedFilesystemBuilder : IFileSystemBuilder, IDisposable
{
    private readonly FilesystemRequest _request;
    private readonly Func<IFileSystemBuilder> _create;
    private readonly Func<long> _minimum;
    private IFileSystemBuilder? _inner;
    private long? _size;

    internal CheckedFilesystemBuilder(FilesystemRequest request, Func<IFileSystemBuilder> create, Func<long> minimum)
    {
        _request = request;
        _create = create;
        _minimum = minimum;
    }

    public FilesystemRequest Request => _request;

    public long ComputeSize()
    {
        if (_size is { } known)
        {
            return known;
        }

        long content;
        try
        {
            _inner ??= _create();
            content = _inner.ComputeSize();
        }
        catch (Exception e) when (IsBuildError(e))
        {
            // A layout that fails at a given size: the minimum tells whether the size is why.
            if (_request.Size is { } given && e is FileTreeException or InvalidOperationException && TryMinimum(out var needed) && needed > given)
            {
                throw TooSmall(needed);
            }

            throw Wrap(e);
        }

        if (_request.Size is { } size)
        {
            if (content > size)
            {
                throw TooSmall(content);
            }

            // squashfs and iso are exactly as large as their content; the rest of the given size stays zero.
            content = size;
        }

        _size = content;
        return content;
    }

    public void WriteTo(Stream output)
    {
        ComputeSize();
        try
        {
            _inner!.WriteTo(output);
        }
        catch (Exception e) when (IsBuildError(e))
        {
            throw Wrap(e);
        }
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private static bool IsBuildError(Exception e) => e is FileTreeException or IsoBuildException or ArgumentException or InvalidOperationException or IOException;

    private bool TryMinimum(out long needed)
    {
        try
        {
            needed = _minimum();
            return true;
        }
        catch (Exception e) when (IsBuildError(e))
        {
            needed = 0;
            return false;
        }
    }

    private ImagingInputException TooSmall(long needed)
    {
        var s = _request.Spelling;
        var given = _request.Size!.Value;
        return new ImagingInputException(
            $"{s.Given("size", SizeText.Format(given))} is too small for the {_request.Describe()}: it needs at least {ByteSize.Bytes(needed)}, the size given is {ByteSize.Bytes(given)}. Use {s.Suggest("size", SizeText.Format(needed, roundUpToMiB: true))} or more, or leave {s.Key("size")} out to have it computed.");
    }

    private ImagingInputException Wrap(Exception e) => new($"{_request.Spelling.Where}{_request.Describe()}: {e.Message}");
}
