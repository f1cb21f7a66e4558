using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Mapping;
using TaxoNN.Compiler.Scheduling;
using TaxoNN.Tests.Shared;

namespace TaxoNN.Compiler.Tests;

/// <summary>
/// The hand-checked cases of docs/timing-model.md: every number below is derived there by hand from the rules, and
/// this test pins the tool to it.
/// </summary>
public sealed class HandCheckedTests
{
    private const string Accelerator = """
        accelerator Small {
          pe_array 3 x 4
          register_file {
            ifmap 12 words
            filter 224 words
            psum 24 words
          }
          global_buffer 16 KiB
          global_buffer_bandwidth 4 words/cycle
          dram_bandwidth 4 words/cycle
          clock 100 MHz
        }

        """;

    private static Schedule Compile(string network)
    {
        var text = Accelerator + network + """

            training T {
              network N
              accelerator Small
              data mnist
              learning_rate 0.01
            }

            """;
        var compilation = Compilation.Create(["main.taxo"], new InMemorySourceProvider(new Dictionary<string, string> { ["main.taxo"] = text }));
        Assert.Empty(compilation.Diagnostics);
        return Scheduler.Build(compilation.Steps().Single());
    }

    private static ScheduledOp Find(Schedule schedule, string name) => schedule.Ops.Single(o => o.Op.Name == name);

    // Case A and B share one network: a 3 x 3 convolution of a 6 x 6 map (the MNIST image pooled down) and a dense layer.
    private const string SmallNetwork = """
        network N {
          input 1 x 28 x 28
          s0: maxpool(kernel: 5, stride: 5, padding: 1)
          c1: conv2d(filters: 2, kernel: 3, bias: off)
          flat: flatten
          out: dense(units: 10, bias: off)
          loss softmax_cross_entropy
        }
        """;

    [Fact]
    public void CaseASmallConvolution()
    {
        var op = Find(Compile(SmallNetwork), "c1.forward");
        var m = op.Cost.Mapping!;
        Assert.Equal(new ConvGeometry(2, 1, 6, 6, 3, 3, 4, 4, 1, 1), op.Op.Geometry);
        Assert.Equal((3, 4, 1, 1), (m.SetHeight, m.SetWidth, m.SetsDown, m.SetsAcross));
        Assert.Equal((2, 1, 3), (m.FiltersPerPe, m.ChannelsPerPe, m.TapsPerPrimitive));
        Assert.Equal((1L, 1L, 4), (m.Units, m.Passes, m.OutputWidthPerUnit));
        Assert.Equal(288, op.Op.Macs);
        Assert.Equal(30, op.Cost.ComputeCycles);
        Assert.Equal(22, op.Cost.GlobalBufferCycles);
        Assert.Equal(30, op.Cost.Cycles);
        Assert.Equal(12, op.Cost.PesUsed);
        Assert.Equal(0.8, op.Utilisation, 6);
        Assert.Equal(new Accesses(1296, 64, 86, 50), op.Cost.Accesses);
        Assert.Equal(13, op.Cost.DramCycles);
    }

    [Fact]
    public void CaseBDenseLayer()
    {
        var op = Find(Compile(SmallNetwork), "out.forward");
        var m = op.Cost.Mapping!;
        Assert.Equal((1, 1, 3, 4), (m.SetHeight, m.SetWidth, m.SetsDown, m.SetsAcross));
        Assert.Equal((5, 3, 1), (m.FiltersPerPe, m.ChannelsPerPe, m.TapsPerPrimitive));
        Assert.Equal((22L, 2L), (m.Units, m.Passes));
        Assert.Equal(320, op.Op.Macs);
        Assert.Equal(60, op.Cost.ComputeCycles);
        Assert.Equal(152, op.Cost.GlobalBufferCycles);
        Assert.Equal(83, op.Cost.DramCycles);
        Assert.Equal(152, op.Cost.Cycles);
        Assert.Equal("global buffer", op.Cost.Bound);
        Assert.Equal(new Accesses(1676, 0, 606, 330), op.Cost.Accesses);
    }

    [Fact]
    public void CaseCFoldingLeavesPesIdle()
    {
        var schedule = Compile("""
            network N {
              input 1 x 28 x 28
              s0: maxpool(kernel: 3, stride: 3)
              c1: conv2d(filters: 2, kernel: 3, padding: 0, bias: off)
              flat: flatten
              out: dense(units: 10, bias: off)
              loss softmax_cross_entropy
            }
            """);
        var op = Find(schedule, "c1.forward");
        var m = op.Cost.Mapping!;
        Assert.Equal(new ConvGeometry(2, 1, 9, 9, 3, 3, 7, 7, 1, 1), op.Op.Geometry);
        Assert.Equal((3, 4, 2), (m.SetHeight, m.SetWidth, m.Bands));
        Assert.Equal((2L, 2L, 7), (m.Units, m.Passes, m.OutputWidthPerUnit));
        Assert.Equal(882, op.Op.Macs);
        Assert.Equal(96, op.Cost.ComputeCycles);
        Assert.Equal(96, op.Cost.Cycles);
        Assert.Equal(12, op.Cost.PesUsed);
        Assert.Equal(0.765625, op.Utilisation, 6);
    }
}
