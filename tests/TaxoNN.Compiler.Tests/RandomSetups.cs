using System.Globalization;
using System.Text;

namespace TaxoNN.Compiler.Tests;

/// <summary>Writes random but valid training set-ups: small convolutional or dense networks on random arrays.</summary>
public static class RandomSetups
{
    /// <summary>The text of a set-up drawn from <paramref name="seed"/>, with the batch and fusion given.</summary>
    public static string Create(int seed, out int batch, out bool fuse)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var rows = random.Next(1, 17);
        var columns = random.Next(1, 17);
        var ifmap = random.Next(1, 16);
        var filter = random.Next(ifmap, 256);
        var psum = random.Next(1, 32);
        text.Append(CultureInfo.InvariantCulture, $$"""
            accelerator A {
              pe_array {{rows}} x {{columns}}
              register_file {
                ifmap {{ifmap}} words
                filter {{filter}} words
                psum {{psum}} words
              }
              global_buffer {{random.Next(1, 256)}} KiB
              global_buffer_bandwidth {{random.Next(1, 33)}} words/cycle
              dram_bandwidth {{random.Next(1, 9)}} words/cycle
              clock 200 MHz
            }

            network N {
              input 1 x 28 x 28

            """);
        int channels = 1, size = 28, index = 0;
        var convolutions = random.Next(0, 3);
        for (var i = 0; i < convolutions && size >= 3; i++)
        {
            var kernel = random.Next(1, Math.Min(size, 6) + 1);
            var stride = random.Next(1, 3);
            var padding = random.Next(0, kernel / 2 + 1);
            var filters = random.Next(1, 9);
            text.Append(CultureInfo.InvariantCulture, $"  c{index}: conv2d(filters: {filters}, kernel: {kernel}, stride: {stride}, padding: {padding}, bias: {(random.Next(2) == 0 ? "on" : "off")})\n");
            size = ((size + (2 * padding) - kernel) / stride) + 1;
            channels = filters;
            index++;
            text.Append(CultureInfo.InvariantCulture, $"  a{index}: {Activation(random)}\n");
            if (size >= 2 && random.Next(2) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  p{index}: {(random.Next(2) == 0 ? "maxpool" : "avgpool")}(kernel: 2)\n");
                size /= 2;
            }
        }

        text.Append("  flat: flatten\n");
        var hidden = random.Next(0, 3);
        for (var i = 0; i < hidden; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  d{i}: dense(units: {random.Next(1, 64)})\n  h{i}: {Activation(random)}\n");
        }

        text.Append("  out: dense(units: 10)\n");
        text.Append(random.Next(2) == 0 ? "  loss softmax_cross_entropy\n}\n" : "  loss mean_squared_error\n}\n");
        batch = random.Next(1, 5);
        fuse = random.Next(4) != 0;
        text.Append(CultureInfo.InvariantCulture, $$"""

            training T {
              network N
              accelerator A
              data mnist
              learning_rate 0.0{{random.Next(1, 10)}}
              batch_size {{batch}}
              fuse {{(fuse ? "on" : "off")}}
              precision {
                default fixed({{random.Next(8, 17)}}, {{random.Next(0, 14)}}) nearest_even
                error fixed(16, 20)
                update stochastic
              }
            }

            """);
        _ = channels;
        return text.ToString();
    }

    private static string Activation(Random random) => random.Next(4) switch
    {
        0 => "relu",
        1 => "sigmoid",
        2 => "tanh",
        _ => "identity",
    };
}
