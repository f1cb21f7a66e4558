using System.Globalization;
using System.Text;

namespace TaxoNN.Benchmarks;

/// <summary>Writes training set-ups of a given depth: 3 x 3 convolutions with ReLUs, then dense layers with ReLUs.</summary>
public static class DeepNetworks
{
    /// <summary>A set-up whose network has <paramref name="layers"/> layers (at least 4).</summary>
    public static string Create(int layers)
    {
        var text = new StringBuilder("""
            accelerator Eyeriss {
              pe_array 12 x 14
              global_buffer 108 KiB
              clock 200 MHz
            }

            network Deep {
              input 1 x 28 x 28

            """);
        var body = layers - 2; // the flatten and the last dense layer
        var convolutions = body / 4;
        var count = 0;
        for (var i = 0; i < convolutions; i++, count += 2)
        {
            text.Append(CultureInfo.InvariantCulture, $"  c{i}: conv2d(filters: 8, kernel: 3, padding: 1)\n  a{i}: relu\n");
        }

        text.Append("  flat: flatten\n");
        for (var i = 0; count + 2 <= body; i++, count += 2)
        {
            text.Append(CultureInfo.InvariantCulture, $"  d{i}: dense(units: 32)\n  r{i}: relu\n");
        }

        if (count < body)
        {
            text.Append("  extra: identity\n");
        }

        text.Append("""
              out: dense(units: 10)
              loss softmax_cross_entropy
            }

            training T {
              network Deep
              accelerator Eyeriss
              data mnist
              learning_rate 0.01
            }

            """);
        return text.ToString();
    }
}
