namespace Jinbao.Quality.Checking;

/// <summary>Sees every checked block of a file in file order, on the merging thread, before the block is reused.</summary>
internal interface IBlockObserver
{
    void Observe(RecordBlock block);
}
