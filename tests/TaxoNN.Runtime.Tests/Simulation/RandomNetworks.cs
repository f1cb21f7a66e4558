using System.Globalization;
using System.Text;

namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>
/// Random small set-ups for the agreement tests: convolutions with stride and padding, both poolings, dense layers,
/// every activation, both losses, both rounding modes, batches of 1 to 3, fused or not, on small random arrays.
/// </summary>
internal static class RandomNetworks
{
    public static string Create(int seed, out bool fuse)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var ifmap = random.Next(1, 16);
        text.Append(CultureInfo.InvariantCulture, $$"""
            accelerator A {
              pe_array {{random.Next(1, 6)}} x {{random.Next(1, 7)}}
              register_file {
                ifmap {{ifmap}} words
                filter {{random.Next(ifmap, 128)}} words
                psum {{random.Next(1, 32)}} words
              }
              global_buffer {{random.Next(1, 16)}} KiB
              global_buffer_bandwidth {{random.Next(1, 17)}} words/cycle
              dram_bandwidth {{random.Next(1, 9)}} words/cycle
              clock 200 MHz
            }

            network N {
              input 1 x 28 x 28

            """);
        var size = 28;
        var convolutions = random.Next(0, 3);
        for (var i = 0; i < convolutions && size >= 3; i++)
        {
            var kernel = random.Next(1, Math.Min(size, 6) + 1);
            var stride = random.Next(1, 4);
            var padding = random.Next(0, (kernel / 2) + 1);
            text.Append(CultureInfo.InvariantCulture, $"  c{i}: conv2d(filters: {random.Next(1, 6)}, kernel: {kernel}, stride: {stride}, padding: {padding}, bias: {(random.Next(2) == 0 ? "on" : "off")})\n");
            size = ((size + (2 * padding) - kernel) / stride) + 1;
            text.Append(CultureInfo.InvariantCulture, $"  a{i}: {Activation(random)}\n");
            if (size >= 2 && random.Next(2) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  p{i}: {(random.Next(2) == 0 ? "maxpool" : "avgpool")}(kernel: 2, stride: 2)\n");
                size /= 2;
            }
        }

        text.Append("  flat: flatten\n");
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            text.Append(CultureInfo.InvariantCulture, $"  d{i}: dense(units: {random.Next(1, 40)}, bias: {(random.Next(2) == 0 ? "on" : "off")})\n  h{i}: {Activation(random)}\n");
        }

        text.Append("  out: dense(units: 10)\n");
        text.Append(random.Next(2) == 0 ? "  loss softmax_cross_entropy\n}\n" : "  loss mean_squared_error\n}\n");
        fuse = random.Next(3) != 0;
        string Rounding() => random.Next(2) == 0 ? "nearest_even" : "stochastic";
        text.Append(CultureInfo.InvariantCulture, $$"""

            training T {
              network N
              accelerator A
              data mnist
              learning_rate 0.0{{random.Next(1, 10)}}
              batch_size {{random.Next(1, 4)}}
              seed {{seed}}
              fuse {{(fuse ? "on" : "off")}}
              precision {
                default fixed(16, {{random.Next(8, 14)}}) {{Rounding()}}
                error fixed(16, {{random.Next(12, 18)}}) {{Rounding()}}
                weight_gradient fixed(16, {{random.Next(10, 16)}}) {{Rounding()}}
                update fixed(16, 14) {{Rounding()}}
              }
            }

            """);
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
