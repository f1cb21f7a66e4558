using TaxoNN.Cli.Output;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Runtime.Data;

namespace TaxoNN.Cli.Commands;

/// <summary>
/// What <c>taxo train</c> and <c>taxo eval</c> both start with: the file compiled, its one training set-up (or the
/// one named), and the set-up's data set loaded; each problem is written out and becomes the exit code.
/// </summary>
internal static class TrainingSetupLoader
{
    /// <summary>Loads; returns null and sets <paramref name="exitCode"/> when something was wrong.</summary>
    public static (LoweredStep Step, LoadedDataset Dataset)? Load(
        CommandOutput output, DiagnosticWriter writer, string path, string? only, string? dataFolder, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        var compilation = Compilation.Create([path]);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (compilation.HasErrors)
        {
            exitCode = ExitCodes.Failure;
            return null;
        }

        var steps = compilation.RootSteps().Where(s => only is null || s.Training.Name == only).ToList();
        if (steps.Count != 1)
        {
            output.Error.WriteLine(steps.Count == 0
                ? $"{path}: no training set-up{(only is null ? string.Empty : $" named '{only}'")} to train."
                : $"{path} has {steps.Count} training set-ups; choose one with --training ({string.Join(", ", steps.Select(s => s.Training.Name))}).");
            exitCode = steps.Count == 0 ? ExitCodes.Failure : ExitCodes.Usage;
            return null;
        }

        var setup = steps[0].Training;
        var folder = dataFolder ?? Path.Combine(Path.GetDirectoryName(path) ?? ".", setup.Data.Path);
        var dataset = DataLoader.Load(setup.Data.Dataset, folder);
        foreach (var diagnostic in dataset.Diagnostics)
        {
            writer.Write(diagnostic);
        }

        if (!dataset.Succeeded)
        {
            exitCode = ExitCodes.Failure;
            return null;
        }

        return (steps[0], dataset);
    }
}
