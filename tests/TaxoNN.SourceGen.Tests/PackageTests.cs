using TaxoNN.Compiler.Scheduling;
using TaxoNN.Tests.Shared;
using TaxoCompilation = TaxoNN.Compiler.Compilation;

namespace TaxoNN.SourceGen.Tests;

/// <summary>
/// The packages as a user meets them: a project outside the repository takes TaxoNN.Runtime and TaxoNN.SourceGen
/// from a folder feed, its .taxo files become classes, and a broken .taxo file fails its build at the right place.
/// </summary>
public sealed class PackageTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    [Fact]
    public void A_project_outside_the_repository_builds_and_runs_with_the_packages()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.All);
        Assert.Equal(
            ["TaxoNN.Compiler.0.1.0.nupkg", "TaxoNN.Language.0.1.0.nupkg", "TaxoNN.Runtime.0.1.0.nupkg", "TaxoNN.SourceGen.0.1.0.nupkg"],
            Directory.GetFiles(feed.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var folder = feed.WriteProject("Consumer", new Dictionary<string, string>
        {
            ["configs/lenet5-mnist.taxo"] = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")),
            ["configs/eyeriss.taxo"] = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "eyeriss.taxo")),
            ["Program.cs"] = """
                using TaxoNN.Compiler.Lowering;
                using TaxoNN.Compiler.Scheduling;
                using TaxoNN.Runtime.Training;

                var setup = Consumer.LeNet5Mnist.Setup;
                var network = Trainer.CreateNetwork(setup, PrecisionMode.Fixed);
                var schedule = Scheduler.Build(Lowerer.Lower(setup, setup.Fuse));
                Console.WriteLine($"c1 {Consumer.LeNet5.C1.OutChannels} filters, forward fraction bits {Consumer.LeNet5.C1.Precision.Forward.FractionBits}");
                Console.WriteLine($"{network.GetType().Name}, {schedule.TotalCycles} cycles per step on {Consumer.Eyeriss.PeCount} PEs");
                """,
        });

        var build = feed.Build(folder);
        Assert.True(build.ExitCode == 0, build.All);
        var run = Processes.Run(Processes.Dotnet, [Path.Combine(folder, "bin", "Release", "net10.0", "Consumer.dll")], folder);

        Assert.True(run.ExitCode == 0, run.All);
        var step = TaxoCompilation.Create([Path.Combine(RepositoryPaths.Examples, "lenet5-mnist.taxo")]).RootSteps().Single();
        Assert.Equal(
            $"c1 6 filters, forward fraction bits 10\nFixedNetwork, {Scheduler.Build(step).TotalCycles} cycles per step on 168 PEs\n",
            run.Out);
    }

    [Fact]
    public void A_broken_taxo_file_fails_the_build_with_its_code_file_line_and_column()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.All);
        var folder = feed.WriteProject("Broken", new Dictionary<string, string>
        {
            ["net.taxo"] = "network Net {\n  input 1 x 28 x 28\n  c1: conv2d(filters: 6, kernel: 40)\n  flat: flatten\n  f2: dense(units: 10)\n  loss softmax_cross_entropy\n}\n",
            ["Program.cs"] = "System.Console.WriteLine(Broken.Net.Name);\n",
        });

        var build = feed.Build(folder);

        // The line 'taxo check' prints for the file, up to its message (MSBuild appends the project to the line).
        var check = Assert.Single(TaxoCompilation.Create([Path.Combine(folder, "net.taxo")]).Diagnostics);
        Assert.Equal("TAXO2002", check.Code);
        Assert.NotEqual(0, build.ExitCode);
        var expected = check.ToString();
        Assert.True(build.Out.Contains(expected, StringComparison.Ordinal), $"'{expected}' is not in:\n{build.All}");
    }
}
