using TaxoNN.Compiler.Lowering;

namespace TaxoNN.Runtime.Simulation;

/// <content>The cycle-by-cycle log of one watched PE (taxo simulate --watch-pe), for debugging a mapping.</content>
internal sealed partial class StepExecutor
{
    private void WatchUnit(Op op, ConvGeometry g, ConvOperands o, UnitPlace place, ProcessingElement pe, int r, int outRow,
        int p, int q, int s, int f, int length, bool busy, bool top)
    {
        var fill = (long)p * q * s;
        var start = place.PassStart;
        Log(start, $"{op.Name}: unit (filters {place.Mb * p}.., channels {place.Cb * q}.., filter row {r}, taps {place.Tf * s}.., output row {outRow}, outputs {place.Split * f}..){(busy ? string.Empty : " — idle: beyond the layer")}");
        Log(start, $"{op.Name}: cycles {start}-{start + fill - 1}: filter spad fill, {fill} words; {q * length} ifmap words delivered over the pass");
        if (!busy)
        {
            return;
        }

        var idleFrom = -1L;
        for (var fi = 0; fi < f; fi++)
        {
            for (var pp = 0; pp < p; pp++)
            {
                for (var qq = 0; qq < q; qq++)
                {
                    for (var ss = 0; ss < s; ss++)
                    {
                        var cycle = start + fill + ((((((long)fi * p) + pp) * q) + qq) * s) + ss;
                        int m = (place.Mb * p) + pp, c = (place.Cb * q) + qq, t = (place.Tf * s) + ss, ff = (place.Split * f) + fi;
                        if (m >= g.M || c >= g.C || t >= g.S || ff >= g.F)
                        {
                            idleFrom = idleFrom < 0 ? cycle : idleFrom;
                            continue;
                        }

                        if (idleFrom >= 0)
                        {
                            Log(idleFrom, $"{op.Name}: idle to cycle {cycle - 1}");
                            idleFrom = -1;
                        }

                        var y = (outRow * g.U) + (r * g.D);
                        var column = (ff * o.ColumnStride) + (t * o.ColumnDilation);
                        var weight = pe.FilterSpad[(((pp * q) + qq) * s) + ss];
                        var x = o.Ifmap[(((c * g.H) + y) * g.W) + column];
                        Log(cycle, $"{op.Name}: MAC filter {m} channel {c} tap ({r},{t}) x ({y},{column}) output ({outRow},{ff}): {weight} * {x}");
                    }
                }
            }

            var end = start + fill + (((long)fi + 1) * p * q * s);
            if (idleFrom >= 0)
            {
                Log(idleFrom, $"{op.Name}: idle to cycle {end - 1}");
                idleFrom = -1;
            }

            var psums = p * (g.SeparateChannels ? q : 1);
            Log(end - 1, $"{op.Name}: output ({outRow},{(place.Split * f) + fi}) done: {psums} psums {(top ? "with the column's sums to the global buffer" : "go up the column")}");
        }
    }
}
