using System.Globalization;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.Data;
using TaxoNN.Runtime.Training;

namespace LeNetApp;

/// <summary>
/// Trains LeNet-5 from the classes that the TaxoNN source generator makes of examples/lenet5-mnist.taxo (no .taxo
/// text is read at run time) on the bundled MNIST subset, and prints the accuracy reached and the cycles one
/// training sample takes on the simulated Eyeriss-like array.
/// </summary>
public static class Program
{
    /// <summary>Usage: <c>LeNetApp [SAMPLES] [DATA_FOLDER]</c>; one epoch of the bundled subset (2,000 samples) by default.</summary>
    public static int Main(string[] args)
    {
        var samples = 2000L;
        if (args.Length > 0 && (!long.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out samples) || samples <= 0))
        {
            Console.Error.WriteLine("usage: LeNetApp [SAMPLES] [DATA_FOLDER]; SAMPLES is a positive whole number.");
            return 2;
        }

        var folder = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, LeNet5Mnist.DataPath);

        // Everything below comes from the generated classes: typed layer settings, formats and the bound set-up.
        Console.WriteLine(Invariant(
            $"{LeNet5.Name}: {LeNet5.Layers.Length} layers from {LeNet5.Input} to {LeNet5.Output}; {LeNet5.C1.Name} has {LeNet5.C1.OutChannels} filters of {LeNet5.C1.Kernel.Height} x {LeNet5.C1.Kernel.Width}, forward in fixed({LeNet5.C1.Precision.Forward.WordBits}, {LeNet5.C1.Precision.Forward.FractionBits})"));
        Console.WriteLine(Invariant(
            $"{Eyeriss.Name}: {Eyeriss.Rows} x {Eyeriss.Columns} PEs at {Eyeriss.ClockHz / 1e6:0.###} MHz, PE words of {Eyeriss.MinPeBits} to {Eyeriss.MaxPeBits} bits"));

        var dataset = DataLoader.Load(LeNet5Mnist.Dataset, folder);
        if (!dataset.Succeeded)
        {
            foreach (var diagnostic in dataset.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic);
            }

            return 1;
        }

        var setup = LeNet5Mnist.Setup;
        var network = Trainer.CreateNetwork(setup, PrecisionMode.Fixed);
        var result = Trainer.Run(setup, network, dataset.Train!, dataset.Test!, new TrainingOptions(PrecisionMode.Fixed, Limit: samples));
        var schedule = Scheduler.Build(Lowerer.Lower(setup, setup.Fuse));

        Console.WriteLine(Invariant(
            $"{setup.Name}: trained on {result.Samples} samples in fixed point, test accuracy {(1 - result.Misclassification) * 100:0.00} % on {dataset.Test!.Count} images"));
        Console.WriteLine(Invariant(
            $"simulated cycles per sample: {schedule.CyclesPerSample:0} ({schedule.CyclesPerSample / Eyeriss.ClockHz * 1e6:0.###} us at {Eyeriss.ClockHz / 1e6:0.###} MHz)"));
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
