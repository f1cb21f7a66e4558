using TaxoNN.Compiler.Scheduling;
using TaxoNN.Runtime.Simulation;

namespace TaxoNN.Runtime.Tests.Simulation;

/// <summary>The simulator's per-cycle view of the tiny convolution on a 2 x 2 array in docs/timing-model.md §11.</summary>
public sealed class HandCheckedSimulationTests
{
    private const string Text = """
        accelerator Tiny {
          pe_array 2 x 2
          register_file {
            ifmap 12 words
            filter 224 words
            psum 24 words
          }
          global_buffer 108 KiB
          global_buffer_bandwidth 4 words/cycle
          dram_bandwidth 4 words/cycle
          clock 200 MHz
        }
        network N {
          input 1 x 28 x 28
          s0: maxpool(kernel: 9, stride: 9)
          c1: conv2d(filters: 2, kernel: 2, bias: off)
          flat: flatten
          out: dense(units: 10)
          loss softmax_cross_entropy
        }
        training T {
          network N
          accelerator Tiny
          data mnist
          learning_rate 0.01
          precision {
            default fixed(16, 12) nearest_even
          }
        }
        """;

    private static SimulatedStep Run((int, int) pe, out Schedule schedule)
    {
        schedule = Scheduler.Build(Agreement.Step(Text));
        var (simulator, _) = Simulator.Create(schedule, new SimulatorOptions { WatchPe = pe });
        var values = new float[784];
        var labels = new int[1];
        SyntheticSamples.Fill(schedule.Step.Training.Seed, 0, values, labels, 10);
        return simulator!.Step(values, labels);
    }

    [Fact]
    public void TheConvolutionCostsWhatTheDocumentSays()
    {
        var step = Run((1, 0), out var schedule);
        var c1 = step.Ops.Single(o => o.Name == "c1.forward");

        Assert.Null(ScheduleAgreement.FirstDifference(schedule, step));
        Assert.Equal(199, c1.StartCycle);
        Assert.Equal(12, c1.ComputeCycles);
        Assert.Equal(7, c1.GlobalBufferCycles);
        Assert.Equal(32, c1.MacUnitMacs);
        Assert.Equal(4, c1.PesUsed);
        Assert.Equal(156, c1.Accesses.RegisterFile);
        Assert.Equal(8, c1.Accesses.InterPe);
        Assert.Equal(25, c1.Accesses.GlobalBuffer);
    }

    [Fact]
    public void PeOneZeroFillsThenRunsFilterRowOneOverIfmapRowOne()
    {
        var lines = Run((1, 0), out _).Watch.Where(l => l.Contains("c1.forward", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

        Assert.Equal(12, lines.Count);
        Assert.StartsWith("199  c1.forward: unit (filters 0.., channels 0.., filter row 1, taps 0.., output row 0, outputs 0..)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("199  c1.forward: cycles 199-202: filter spad fill, 4 words; 3 ifmap words", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("203  c1.forward: MAC filter 0 channel 0 tap (1,0) x (1,0) output (0,0)", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("205  c1.forward: MAC filter 1 channel 0 tap (1,0) x (1,0) output (0,0)", lines[4], StringComparison.Ordinal);
        Assert.Equal("206  c1.forward: output (0,0) done: 2 psums go up the column", lines[6]);
        Assert.StartsWith("207  c1.forward: MAC filter 0 channel 0 tap (1,0) x (1,1) output (0,1)", lines[7], StringComparison.Ordinal);
        Assert.Equal("210  c1.forward: output (0,1) done: 2 psums go up the column", lines[11]);
    }

    [Fact]
    public void TheTopPeOfAColumnWritesTheColumnsSums()
    {
        var lines = Run((0, 0), out _).Watch.Where(l => l.Contains("c1.forward", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

        Assert.Contains("206  c1.forward: output (0,0) done: 2 psums with the column's sums to the global buffer", lines);
        Assert.StartsWith("203  c1.forward: MAC filter 0 channel 0 tap (0,0) x (0,0) output (0,0)", lines[2], StringComparison.Ordinal);
    }
}
