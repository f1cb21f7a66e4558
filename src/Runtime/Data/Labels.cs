namespace TaxoNN.Runtime.Data;

/// <summary>Checks of class labels shared by the loaders.</summary>
internal static class Labels
{
    /// <summary>The index of the first label outside 0..9, or null when all are in range.</summary>
    public static int? FirstOutOfRange(ReadOnlySpan<byte> labels)
    {
        var index = labels.IndexOfAnyInRange((byte)LabeledImages.ClassCount, byte.MaxValue);
        return index < 0 ? null : index;
    }
}
