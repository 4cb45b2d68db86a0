namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// How many blocks may be read but not yet written. A reader that finds none left sleeps at once
/// instead of spinning first (as <see cref="SemaphoreSlim"/> does): when blocks are taken from
/// the last image the reader is always ahead, and on a machine with two cores its spinning took
/// the time the hashing workers needed.
/// </summary>
internal sealed class BlockBudget(int blocks)
{
    private readonly object _gate = new();
    private int _left = blocks;

    /// <param name="beforeWaiting">Called (outside the lock) when none is left, before the caller sleeps.</param>
    public void Take(CancellationToken cancel, Action? beforeWaiting = null)
    {
        lock (_gate)
        {
            if (_left > 0)
            {
                _left--;
                return;
            }
        }

        beforeWaiting?.Invoke();
        lock (_gate)
        {
            while (_left == 0)
            {
                cancel.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, 100); // woken by Release; the timeout only notices a cancel
            }

            _left--;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _left++;
            Monitor.Pulse(_gate);
        }
    }
}
