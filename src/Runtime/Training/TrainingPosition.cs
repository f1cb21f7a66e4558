using System.Collections.Immutable;

namespace TaxoNN.Runtime.Training;

/// <summary>
/// Where a run stands at a batch boundary: the samples done in all, the current epoch and that epoch's sample order.
/// Every earlier epoch was whole, so the samples done in this epoch are <c>Samples − Epoch × order length</c>.
/// </summary>
public sealed record TrainingPosition(long Samples, int Epoch, ImmutableArray<int> Order)
{
    /// <summary>The samples of the current epoch already trained on.</summary>
    public long Offset => Samples - ((long)Epoch * Order.Length);

    /// <summary>The SGD updates done by this position with batches of <paramref name="batchSize"/>: each whole epoch ends with a partial batch, if any.</summary>
    public long Updates(int batchSize) =>
        ((long)Epoch * ((Order.Length + batchSize - 1) / batchSize)) + ((Offset + batchSize - 1) / batchSize);
}
