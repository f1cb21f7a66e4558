using System.Globalization;
using System.Text;

namespace TaxoNN.Tests.Shared;

/// <summary>
/// Writes a large, valid .taxo text for throughput benchmarks and stress tests: accelerators, networks and training
/// set-ups with comments, varied layers and precision blocks, like a design-space study kept in one file.
/// </summary>
/// <remarks>The same seed and size always give the same text, so that benchmark runs compare like with like.</remarks>
public static class LargeTaxoGenerator
{
    /// <summary>The default size of the generated text: 10 MiB.</summary>
    public const int DefaultSize = 10 * 1024 * 1024;

    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 2020;

    private static readonly string[] Activations = ["relu", "sigmoid", "tanh", "identity"];

    private static readonly string[] Datasets = ["mnist", "fashion_mnist", "cifar10", "svhn"];

    private static readonly string[] Passes = ["forward", "error", "weight_gradient", "update"];

    /// <summary>
    /// Generates declarations until the text holds at least <paramref name="size"/> characters (it stops after the
    /// group that crosses the size, so it is at most a few kilobytes longer). The text is ASCII apart from an
    /// occasional '×', so its UTF-8 size is close to its length.
    /// </summary>
    public static string Generate(int size = DefaultSize, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var random = new Random(seed);
        var writer = new Writer(new StringBuilder(size + 8192));
        writer.Line("// A design-space study: accelerators, networks and training set-ups, generated.");
        writer.Line("// Every declaration is valid on its own; names are unique across the file.");
        writer.Line();
        for (var group = 0; writer.Length < size; group++)
        {
            var accelerator = $"Array{group}";
            var network = $"Net{group}";
            AppendAccelerator(writer, random, accelerator);
            var layers = AppendNetwork(writer, random, network, out var channels);
            AppendTraining(writer, random, $"Train{group}", network, accelerator, layers, channels);
        }

        return writer.ToString();
    }

    private static void AppendAccelerator(Writer w, Random random, string name)
    {
        var rows = random.Next(4, 33);
        var columns = random.Next(4, 33);
        var times = random.Next(8) == 0 ? "\u00D7" : "x";
        w.Line($"// {rows} x {columns} PEs; scratchpads sized after Eyeriss, scaled by the array.");
        w.Open($"accelerator {name}");
        w.Line($"pe_array {rows} {times} {columns}");
        if (random.Next(3) == 0)
        {
            w.Line($"register_file {random.Next(64, 513)} words");
        }
        else
        {
            w.Open("register_file");
            w.Line($"ifmap {random.Next(8, 33)} words");
            w.Line($"filter {random.Next(64, 449)} words");
            w.Line($"psum {random.Next(16, 65)} words");
            w.Close();
        }

        w.Line(random.Next(4) == 0 ? $"global_buffer {random.Next(1, 9)} MiB" : $"global_buffer {random.Next(32, 513)} KiB");
        w.Line($"global_buffer_bandwidth {random.Next(4, 65)} words/cycle");
        w.Line(random.Next(2) == 0 ? $"dram_bandwidth {random.Next(1, 17)} words/cycle" : $"dram_bandwidth {random.Next(8, 65)} B/cycle");
        w.Line(random.Next(5) == 0 ? $"clock {1 + (random.Next(10) / 10.0).ToString("0.0", CultureInfo.InvariantCulture)} GHz" : $"clock {random.Next(100, 1001)} MHz");
        w.Line($"technology {random.Next(3) switch { 0 => 28, 1 => 45, _ => 65 }} nm // synthesis node");
        var low = random.Next(4, 13);
        w.Line($"pe_bits {low}..{Math.Min(24, low + random.Next(4, 17))}");
        w.Line($"accumulator {random.Next(32, 65)} bits");
        w.Line($"training_extensions {(random.Next(4) == 0 ? "off" : "on")}");
        if (random.Next(2) == 0)
        {
            w.Line();
            w.Line("/* Energy per access: relative to one MAC, or absolute. */");
            w.Open("energy");
            if (random.Next(2) == 0)
            {
                w.Line("mac 1; register_file 1");
                w.Line($"inter_pe {random.Next(1, 4)}");
                w.Line($"global_buffer {random.Next(4, 9)}");
                w.Line($"dram {random.Next(150, 251)}");
            }
            else
            {
                w.Line($"mac {Decimal(random, 0.2, 4)} pJ");
                w.Line($"register_file {random.Next(100, 900)} fJ");
                w.Line($"global_buffer {Decimal(random, 2, 20)} pJ");
                w.Line($"dram {Decimal(random, 0.1, 1)} nJ");
            }

            w.Close();
        }

        w.Close();
        w.Line();
    }

    // Returns the names of the layers that have weights, for the precision block.
    private static List<string> AppendNetwork(Writer w, Random random, string name, out int channels)
    {
        var weighted = new List<string>();
        var convolutional = random.Next(3) != 0;
        channels = random.Next(2) == 0 ? 1 : 3;
        var side = channels == 1 ? 28 : 32;
        w.Line(convolutional ? $"// A LeNet-like network for {channels} x {side} x {side} images." : "// A multi-layer perceptron over flattened images.");
        w.Open($"network {name}");
        var index = 1;
        if (convolutional)
        {
            w.Line($"input {channels} x {side} x {side}");
            var stages = random.Next(1, 4);
            for (var stage = 0; stage < stages; stage++)
            {
                var conv = $"c{index}";
                weighted.Add(conv);
                var kernel = random.Next(3) == 0 ? "3 x 3" : random.Next(2) == 0 ? "5" : "3";
                var extra = random.Next(4) switch
                {
                    0 => ", padding: 1",
                    1 => ", stride: 1, padding: 2",
                    2 => ", bias: off",
                    _ => string.Empty,
                };
                w.Line($"{conv}: conv2d(filters: {random.Next(4, 65)}, kernel: {kernel}{extra})");
                w.Line($"r{index}: {Activations[random.Next(Activations.Length)]}");
                var pool = random.Next(2) == 0 ? "maxpool" : "avgpool";
                var stride = random.Next(2) == 0 ? ", stride: 2" : string.Empty;
                w.Line($"p{index}: {pool}(kernel: 2{stride})");
                index++;
            }

            w.Line("flat: flatten");
        }
        else
        {
            w.Line($"input {channels * side * side} // {channels} x {side} x {side} pixels, flattened");
        }

        var hidden = random.Next(1, 4);
        for (var layer = 0; layer < hidden; layer++)
        {
            var dense = $"f{index}";
            weighted.Add(dense);
            var bias = random.Next(5) == 0 ? ", bias: on" : string.Empty;
            if (random.Next(6) == 0)
            {
                // Two statements on one line, separated by ';'.
                w.Line($"{dense}: dense(units: {random.Next(16, 513)}{bias}); a{index}: {Activations[random.Next(Activations.Length)]}");
            }
            else
            {
                w.Line($"{dense}: dense(units: {random.Next(16, 513)}{bias})");
                w.Line($"a{index}: {Activations[random.Next(Activations.Length)]}");
            }

            index++;
        }

        var output = $"out{index}";
        weighted.Add(output);
        w.Line($"{output}: dense(units: 10)");
        w.Line(random.Next(6) == 0 ? "loss mean_squared_error" : "loss softmax_cross_entropy");
        w.Close();
        w.Line();
        return weighted;
    }

    private static void AppendTraining(Writer w, Random random, string name, string network, string accelerator, List<string> layers, int channels)
    {
        var dataset = channels == 1 ? Datasets[random.Next(2)] : Datasets[2 + random.Next(2)];
        w.Open($"training {name}");
        w.Line($"network {network}");
        w.Line($"accelerator {accelerator}");
        if (random.Next(3) == 0)
        {
            w.Line($"data {dataset}");
        }
        else
        {
            w.Open($"data {dataset}");
            w.Line($"path \"data/{dataset}\"");
            w.Line("divisor 255");
            if (channels == 1)
            {
                w.Line($"mean {Decimal(random, 0.1, 0.5)}");
                w.Line($"std {Decimal(random, 0.2, 0.4)}");
            }
            else
            {
                w.Line($"mean [{Decimal(random, 0.4, 0.5)}, {Decimal(random, 0.4, 0.5)}, {Decimal(random, 0.4, 0.5)}]");
                w.Line($"std [{Decimal(random, 0.19, 0.27)}, {Decimal(random, 0.19, 0.27)}, {Decimal(random, 0.19, 0.27)}]");
            }

            w.Close();
        }

        w.Line(random.Next(3) == 0 ? $"learning_rate {random.Next(1, 10)}e-3" : $"learning_rate {Decimal(random, 0.001, 0.1)}");
        w.Line($"batch_size {1 << random.Next(0, 6)} // gradients summed exactly over the batch");
        w.Line($"epochs {random.Next(1, 21)}");
        w.Line($"seed {random.Next(0, 100000)}");
        w.Line($"shuffle {(random.Next(5) == 0 ? "off" : "on")}");
        w.Line($"fuse {(random.Next(5) == 0 ? "off" : "on")}");
        if (random.Next(8) != 0)
        {
            AppendPrecision(w, random, layers);
        }

        w.Close();
        w.Line();
    }

    private static void AppendPrecision(Writer w, Random random, List<string> layers)
    {
        var word = random.Next(12, 21);
        w.Line();
        w.Line("// Each pass's format is the format of the tensor it writes.");
        w.Open("precision");
        w.Line($"default fixed({word}, {word - 4}) nearest_even");
        if (random.Next(2) == 0)
        {
            w.Line($"input fixed({word}, {word - 2}) // inputs scaled to [0, 1]");
        }

        w.Line($"error fixed({word}, {word + random.Next(2, 7)}) nearest_even");
        w.Line($"weight_gradient fixed({word}, {word + random.Next(2, 7)})");
        w.Line($"update fixed({word}, {word - 2}) stochastic");

        // Overrides for a few layers, one at a time or as a list; each layer named once.
        var remaining = new List<string>(layers);
        var overrides = random.Next(0, 3);
        for (var i = 0; i < overrides && remaining.Count > 0; i++)
        {
            var take = Math.Min(remaining.Count, random.Next(1, 3));
            var names = remaining.GetRange(0, take);
            remaining.RemoveRange(0, take);
            var target = names.Count == 1 ? names[0] : $"[{string.Join(", ", names)}]";
            w.Open($"layer {target}");
            if (random.Next(2) == 0)
            {
                w.Line($"all fixed({word - 1}, {word - 6})");
                w.Line($"{Passes[random.Next(Passes.Length)]} stochastic");
            }
            else
            {
                // Fraction bits may exceed the word or be negative: value = integer * 2^-fraction.
                w.Line(random.Next(2) == 0 ? $"forward fixed({word}, {word - 6})" : $"forward fixed(8, -2)");
                w.Line($"error fixed(16, {random.Next(18, 25)}) nearest_even");
            }

            w.Close();
        }

        w.Close();
    }

    private static string Decimal(Random random, double min, double max) =>
        (min + (random.NextDouble() * (max - min))).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A string builder that indents by block.</summary>
    private sealed class Writer(StringBuilder builder)
    {
        private int depth;

        public int Length => builder.Length;

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                builder.Append(' ', depth * 2);
            }

            builder.Append(text).Append('\n');
        }

        public void Open(string header)
        {
            Line(header + " {");
            depth++;
        }

        public void Close()
        {
            depth--;
            Line("}");
        }

        public override string ToString() => builder.ToString();
    }
}
