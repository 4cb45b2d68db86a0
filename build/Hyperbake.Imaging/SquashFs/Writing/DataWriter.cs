using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// Stores every file's data. A reader thread walks the files in order, detects duplicates,
/// cuts blocks and packs tails into fragment blocks, and starts the compression of each block
/// on the thread pool; the calling thread writes the results strictly in the order the reader
/// issued them. Every decision is made on the reader's single thread, so the bytes do not
/// depend on how many blocks compress at once. Memory stays bounded: the reader waits while
/// <see cref="BlocksInFlight"/> blocks are read but not yet written.
/// </summary>
internal sealed class DataWriter
{
    /// <summary>How many items the reader hands over at once.</summary>
    private const int BatchSize = 256;

    private readonly InodePlan _plan;
    private readonly SquashFsOptions _options;
    private readonly BlockCompressor _compressor;
    private readonly BlockBudget _budget;
    private readonly BlockingCollection<List<DataItem>> _queue;
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Items the reader decided but has not handed over yet (its thread only).</summary>
    private List<DataItem> _batch = new(BatchSize);

    public DataWriter(InodePlan plan, SquashFsOptions options, BlockCompressor compressor)
    {
        _plan = plan;
        _options = options;
        _compressor = compressor;
        BlocksInFlight = Math.Max(8, 4 * options.MaxDegreeOfParallelism);
        _budget = new BlockBudget(BlocksInFlight);
        _queue = new BlockingCollection<List<DataItem>>(new ConcurrentQueue<List<DataItem>>(), 64);
    }

    public int BlocksInFlight { get; }

    /// <summary>Stores the data of every regular file from the output's current position; returns where it all went.</summary>
    public DataLayout Write(Stream output)
    {
        var layout = new DataLayout(_plan.RegularFiles.Count);
        var position = output.Position;
        ExceptionDispatchInfo? readerFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, _options.MaxDegreeOfParallelism).ConcurrentScheduler;
                new DataReader(_plan, _options, _compressor, _budget, scheduler, Emit, Publish, _cancel.Token).Run();
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // The writer failed and said stop; its exception is the one reported.
            }
            catch (Exception e)
            {
                readerFailure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                try
                {
                    if (readerFailure is null)
                    {
                        Publish();
                    }
                }
                catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
                {
                    // The writer stopped meanwhile; its exception is the one reported.
                }

                _queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "squashfs data reader" };
        reader.Start();

        try
        {
            StoredFile? current = null;
            foreach (var item in _queue.GetConsumingEnumerable().SelectMany(batch => batch))
            {
                switch (item.Kind)
                {
                    case DataItemKind.FileStart:
                        current = new StoredFile { BlocksStart = position, FirstBlock = layout.BlockSizes.Count };
                        layout.Files[item.File] = current;
                        break;
                    case DataItemKind.Block:
                        {
                            var block = Await(item.Block!);
                            if (block.IsSparse)
                            {
                                current!.SparseBytes += block.RawLength;
                            }
                            else
                            {
                                Write(output, block, position);
                                position += block.Length;
                            }

                            layout.BlockSizes.Add(block.SizeWord);
                            current!.BlockCount++;
                            block.Release();
                            _budget.Release();
                            break;
                        }

                    case DataItemKind.FileEnd:
                        current!.FragmentIndex = item.FragmentIndex;
                        current.FragmentOffset = item.FragmentOffset;
                        current = null;
                        break;
                    case DataItemKind.Duplicate:
                        layout.Files[item.File] = layout.Files[item.Original];
                        layout.DuplicateFiles++;
                        break;
                    case DataItemKind.Fragment:
                        {
                            var block = Await(item.Block!);
                            layout.Fragments.Add(new FragmentEntry((ulong)position, block.SizeWord));
                            Write(output, block, position);
                            position += block.Length;
                            block.Release();
                            _budget.Release();
                            break;
                        }
                }
            }
        }
        catch
        {
            _cancel.Cancel();
            reader.Join();
            throw;
        }

        reader.Join();
        readerFailure?.Throw();
        layout.End = position;
        return layout;
    }

    /// <summary>Writes a block and tells the block cache where it went (the next build reads it from there).</summary>
    private void Write(Stream output, StoredBlock block, long position)
    {
        output.Write(block.Bytes);
        if (block.Sha256 is { } sha256)
        {
            _options.BlockCache!.Stored(sha256, block.Bytes, block.Uncompressed, position);
        }
    }

    /// <summary>On the reader's thread: the item joins the current batch, handed over when full (one wake-up of the writer per batch, not per item).</summary>
    private void Emit(DataItem item)
    {
        _batch.Add(item);
        if (_batch.Count == BatchSize)
        {
            Publish();
        }
    }

    /// <summary>Hands the current batch to the writer: when it is full, before the reader waits for the writer, and at the end.</summary>
    private void Publish()
    {
        if (_batch.Count > 0)
        {
            _queue.Add(_batch, _cancel.Token);
            _batch = new List<DataItem>(BatchSize);
        }
    }

    private static StoredBlock Await(Task<StoredBlock> task)
    {
        if (!task.IsCompleted)
        {
            // Sleeps until the block is done instead of spinning first (Task.Wait spins), leaving the core to the worker.
            var done = new ManualResetEventSlim(false, spinCount: 0);
            task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), done, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            done.Wait();
        }

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
