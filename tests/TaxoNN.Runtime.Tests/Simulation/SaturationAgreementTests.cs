using TaxoNN.Compiler;
using TaxoNN.Runtime.Numerics;
using TaxoNN.Runtime.Training;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>
/// The simulator follows the fast path's saturation rule (an output held at an end of its range passes no error that
/// asks it to go further out) on a set-up whose narrow activations saturate from the first sample.
/// </summary>
public sealed class SaturationAgreementTests
{
    private const string Text = """
        accelerator A {
          pe_array 4 x 5
          global_buffer 8 KiB
          clock 200 MHz
        }

        network N {
          input 1 x 28 x 28
          c0: conv2d(filters: 3, kernel: 5, stride: 2)
          a0: relu
          flat: flatten
          d1: dense(units: 12)
          h1: tanh
          out: dense(units: 10)
          loss softmax_cross_entropy
        }

        training T {
          network N
          accelerator A
          data mnist
          learning_rate 0.5
          batch_size 1
          seed 3
          precision {
            default fixed(8, 7) nearest_even
            input fixed(8, 7)
            error fixed(12, 11) nearest_even
            weight_gradient fixed(12, 9) nearest_even
            update fixed(12, 10) stochastic
          }
        }
        """;

    [Fact]
    public void SaturatedOutputsStopOutwardErrorsOnTheArrayAsInTheFastPath()
    {
        var difference = Agreement.Check(Agreement.Step(Text), steps: 3);

        Assert.True(difference is null, difference);
    }

    [Fact]
    public void TheSetUpReallySaturates()
    {
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = Text }));
        Assert.Empty(compilation.Diagnostics);
        var training = compilation.Model.Trainings.Single();
        var network = new FixedNetwork(training, training.Seed);
        network.Initialise(training.Seed);
        var random = new Random(1);
        var saturated = 0;
        for (var s = 0; s < 3; s++)
        {
            network.Accumulate([.. Enumerable.Range(0, 784).Select(_ => (float)random.NextDouble())], s);
            network.Update();
            for (var i = 0; i < training.Network.Layers.Length; i++)
            {
                var format = training.PrecisionOf(training.Network.Layers[i]).Forward.Format;
                var bound = FixedPoint.ToDouble(FixedPoint.Max(format.WordBits), format);
                saturated += network.OutputValues(i).Count(v => v >= bound || v <= -bound - Math.ScaleB(1, -format.FractionBits));
            }
        }

        Assert.True(saturated > 0, "no output reached an end of its range, so the rule is not exercised");
    }
}
