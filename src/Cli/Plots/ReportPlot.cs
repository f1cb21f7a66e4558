using TaxoNN.Runtime.CostModel;
using TaxoNN.Runtime.Reporting;

namespace TaxoNN.Cli.Plots;

/// <summary>The plot of a cost report: area and power per PE against bitwidth for both designs, the paper's points marked.</summary>
internal static class ReportPlot
{
    /// <summary>The SVG of <paramref name="report"/>'s design sweep (8..32 bits) with the paper's table as markers.</summary>
    public static string Svg(CostReport report)
    {
        PlotSeries Series(Design design, CostQuantity quantity) => new(
            DesignLabel(design),
            [.. report.DesignSweep.Where(p => p.Design == design).Select(p =>
            {
                var estimate = quantity == CostQuantity.Area ? p.Area : p.Power;
                return new PlotPoint(p.Bits, estimate.Value, estimate.Extrapolated);
            })]);

        PlotMarkers Paper(Design design, CostQuantity quantity) => new(
            $"{DesignLabel(design)}, paper",
            [.. PaperTables.Bitwidths.Select(bits => ((double)bits, PaperTables.Value(design, quantity, bits)))]);

        var designs = Enum.GetValues<Design>();
        return BitwidthPlot.Svg(
            "PE area and power against bitwidth, calibrated to the TaxoNN paper (45 nm)",
            [.. designs.Select(d => Series(d, CostQuantity.Area))],
            [.. designs.Select(d => Paper(d, CostQuantity.Area))],
            [.. designs.Select(d => Series(d, CostQuantity.Power))],
            [.. designs.Select(d => Paper(d, CostQuantity.Power))]);
    }

    private static string DesignLabel(Design design) => design == Design.Eyeriss ? "Eyeriss (inference only)" : "TaxoNN (training extensions)";
}
