using System.CommandLine;
using System.Globalization;
using TaxoNN.Cli.Output;
using TaxoNN.Runtime.Serialization;
using TaxoNN.Runtime.Training;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// <c>taxo eval FILE --weights W.npz [--data DIR] [--precision fixed|float] [--training NAME]</c>: the test
/// misclassification of given weights (PyTorch state_dict names and layouts), without training.
/// </summary>
internal sealed class EvalCommand : Command
{
    private readonly CommandOutput output;
    private readonly Argument<string> file = new("FILE") { Description = "The .taxo file with the training set-up." };
    private readonly Option<string> weights = new("--weights") { HelpName = "W.npz", Description = "The weights, as an .npz of float32 tensors with PyTorch state_dict names and layouts.", Required = true };
    private readonly Option<string?> data = new("--data") { Description = "A folder with the data set's files under their standard names (default: the set-up's path, relative to FILE)." };
    private readonly Option<string> precision = new("--precision") { Description = "fixed: the weights rounded to the set-up's update formats and the forward pass in its formats; float: float32.", DefaultValueFactory = _ => "fixed" };
    private readonly Option<int> threads = ThreadsOption.Create();
    private readonly Option<string?> training = new("--training") { Description = "The training set-up, when the file has several." };

    /// <summary>Creates the command, writing to <paramref name="output"/>.</summary>
    public EvalCommand(CommandOutput output)
        : base("eval", "Evaluate given weights on a set-up's test split, in fixed point (or float32), without training.")
    {
        this.output = output;
        precision.AcceptOnlyFromAmong("fixed", "float");
        Arguments.Add(file);
        foreach (var option in new Option[] { weights, data, precision, training, threads })
        {
            Options.Add(option);
        }

        SetAction(parseResult => Run(
            parseResult.GetRequiredValue(file),
            parseResult.GetRequiredValue(weights),
            parseResult.GetValue(data),
            parseResult.GetValue(precision) == "float" ? PrecisionMode.Float : PrecisionMode.Fixed,
            parseResult.GetValue(training),
            parseResult.GetValue(threads)));
    }

    /// <summary>Evaluates; returns the exit code.</summary>
    public int Run(string path, string weightsPath, string? dataFolder, PrecisionMode mode, string? only, int threadCount = 1)
    {
        var writer = new DiagnosticWriter(output.Out, output.OutIsTerminal);
        if (TrainingSetupLoader.Load(output, writer, path, only, dataFolder, out var exitCode) is not var (step, dataset))
        {
            return exitCode;
        }

        var setup = step.Training;
        var read = WeightFile.Read(weightsPath, setup.Network);
        foreach (var diagnostic in read.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (read.Value is null)
        {
            return ExitCodes.Failure;
        }

        var network = Trainer.CreateNetwork(setup, mode);
        NetworkWeights.Import(network, read.Value);
        var misclassification = Trainer.Evaluate(setup, network, dataset.Test!, threadCount);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(mode == PrecisionMode.Float ? "float" : "fixed"),-6} test misclassification {misclassification:P2} on {dataset.Test!.Count:N0} samples of {dataset.Name}"));
        return ExitCodes.Success;
    }
}
