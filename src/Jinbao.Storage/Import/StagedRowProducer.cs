using System.Collections.Concurrent;
using Jinbao.Quality.Reading;

namespace Jinbao.Storage.Import;

/// <summary>
/// Reads and converts the file's records on a thread of their own, in blocks of rows, so parsing
/// overlaps the database writes on the calling thread. Rows with error findings are skipped and
/// rows the store cannot key are counted.
/// </summary>
internal sealed class StagedRowProducer : IDisposable
{
    private const int RowsPerBlock = 4096;
    private const int BlocksAhead = 4;

    private readonly BlockingCollection<object?[][]> _blocks = new(BlocksAhead);
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    public StagedRowProducer(ExtractRecordReader reader, DatasetLoad load, string? division, HashSet<long> errorRows, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int[] columns = load.Elements.Select(reader.ColumnOf).ToArray();
        var token = _stop.Token;
        _reading = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    var block = new List<object?[]>(RowsPerBlock);
                    while (reader.Read())
                    {
                        if (errorRows.Contains(reader.Row))
                        {
                            continue;
                        }

                        var row = new object?[load.Columns.Count];
                        if (!load.Fill(new RecordFields(reader, columns), division, row))
                        {
                            Unusable++;
                            continue;
                        }

                        block.Add(row);
                        if (block.Count == RowsPerBlock)
                        {
                            _blocks.Add([.. block], token);
                            block.Clear();
                        }
                    }

                    _blocks.Add([.. block], token);
                }
                finally
                {
                    _blocks.CompleteAdding();
                }
            },
            token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>The rows that passed the check but lack a value the store needs; final once <see cref="Blocks"/> has ended.</summary>
    public long Unusable { get; private set; }

    /// <summary>Returns the blocks of converted rows in file order.</summary>
    /// <exception cref="ExtractReadException">The file could not be read to its end.</exception>
    public IEnumerable<object?[][]> Blocks()
    {
        foreach (var block in _blocks.GetConsumingEnumerable(_stop.Token))
        {
            yield return block;
        }

        // Rethrows the reader's exception, such as a damaged line near the end of the file.
        _reading.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        // Stops the reader when the consumer failed, so it does not wait on a full queue forever.
        _stop.Cancel();
        try
        {
            _reading.Wait();
        }
        catch (AggregateException)
        {
            // The reader stopped at the cancellation or at the consumer's failure, which is already being reported.
        }

        _blocks.Dispose();
        _stop.Dispose();
    }
}
