using System.Globalization;
using System.Text.RegularExpressions;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Tests.Shared;
using TaxoCompilation = TaxoNN.Compiler.Compilation;

namespace TaxoNN.SourceGen.Tests;

/// <summary>examples/LeNetApp, built before these tests (a project reference) with the generator as an analyzer, run as a user runs it.</summary>
public sealed partial class ExampleAppTests
{
    [Fact]
    public void LeNetApp_trains_from_the_generated_config_and_prints_accuracy_and_cycles()
    {
        var app = Path.Combine(RepositoryPaths.Examples, "LeNetApp", "bin", Processes.Configuration, "net10.0", "LeNetApp.dll");
        Assert.True(File.Exists(app), $"'{app}' was not built; build tests/TaxoNN.SourceGen.Tests, which references it.");

        var run = Processes.Run(Processes.Dotnet, [app, "300"], Path.GetTempPath());

        Assert.True(run.ExitCode == 0, run.All);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LeNet5: 12 layers from 1 x 28 x 28 to 10; c1 has 6 filters of 5 x 5, forward in fixed(16, 10)", lines[0]);
        Assert.Equal("Eyeriss: 12 x 14 PEs at 200 MHz, PE words of 8 to 24 bits", lines[1]);
        var accuracy = Accuracy().Match(lines[2]);
        Assert.True(accuracy.Success, lines[2]);
        Assert.InRange(double.Parse(accuracy.Groups["percent"].Value, CultureInfo.InvariantCulture), 0, 100);

        // The cycles are the compiler's for the text of the example: the generated set-up is the same set-up.
        var step = TaxoCompilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]).RootSteps().Single();
        var cycles = Scheduler.Build(step).CyclesPerSample;
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"simulated cycles per sample: {cycles:0} ("), lines[3], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^LeNet5Mnist: trained on 300 samples in fixed point, test accuracy (?<percent>[0-9]+\.[0-9]{2}) % on 1000 images$")]
    private static partial Regex Accuracy();
}
