namespace TaxoNN.Runtime.Tests.Data;

/// <summary>Writes CIFAR-10 binary batches: per image one label byte, then the red, green and blue 32 x 32 planes.</summary>
internal static class CifarFiles
{
    public const int Record = 3073;

    /// <summary>The pixel every test image has at (image, channel, row, column).</summary>
    public static byte Pixel(int image, int channel, int row, int column) => (byte)((image * 13) + (channel * 101) + (row * 3) + column);

    public static byte[] Batch(int first, params byte[] labels)
    {
        var bytes = new byte[labels.Length * Record];
        for (var n = 0; n < labels.Length; n++)
        {
            var record = bytes.AsSpan(n * Record, Record);
            record[0] = labels[n];
            for (var ch = 0; ch < 3; ch++)
            {
                for (var r = 0; r < 32; r++)
                {
                    for (var c = 0; c < 32; c++)
                    {
                        record[1 + (ch * 1024) + (r * 32) + c] = Pixel(first + n, ch, r, c);
                    }
                }
            }
        }

        return bytes;
    }

    /// <summary>Writes batches 1..5 of two images each (images 0..9, labels 0..9) and a test batch of three.</summary>
    public static void WriteSet(TempFolder folder, string subfolder = "cifar-10-batches-bin")
    {
        for (var b = 1; b <= 5; b++)
        {
            folder.Write(Path.Combine(subfolder, $"data_batch_{b}.bin"), Batch(2 * (b - 1), (byte)(2 * (b - 1)), (byte)((2 * b) - 1)));
        }

        folder.Write(Path.Combine(subfolder, "test_batch.bin"), Batch(100, 9, 0, 4));
    }
}
