using TaxoNN.Compiler.Lowering;

namespace TaxoNN.Runtime.Simulation;

/// <content>One unit of a conv-like op on one PE set: the fill, the lockstep MAC slots, the psums up the columns.</content>
internal sealed partial class StepExecutor
{
    private void RunUnit(Op op, ConvGeometry g, ConvOperands o, UnitPlace place, int h, int e, int p, int q, int s, int f, int length, int tileRows)
    {
        var separate = g.SeparateChannels;
        var psums = separate ? p * q : p;
        var fillCycles = (long)p * q * s;
        var passCycles = fillCycles + ((long)p * q * s * f);
        int m0 = place.Mb * p, c0 = place.Cb * q, t0 = place.Tf * s, f0 = place.Split * f;
        var pValid = Math.Min(p, g.M - m0);
        var qValid = Math.Min(q, g.C - c0);
        var sValid = Math.Min(s, g.S - t0);
        var fValid = Math.Min(f, g.F - f0);
        var plane = g.H * g.W;
        var x = o.Ifmap;

        // The set's ifmap tile: q channels of tileRows contiguous rows of `length` words, each row read once and
        // multicast along its diagonal; each filter row read once and multicast along its PE row.
        globalBuffer.Move((long)q * tileRows * length);
        for (var i = 0; i < h; i++)
        {
            var r = (place.Rf * h) + i;
            var rowPe = array[place.Top + i, place.Left];
            var spad = rowPe.FilterSpad;
            globalBuffer.Move((long)p * q * s);
            for (var pp = 0; pp < p; pp++)
            {
                for (var qq = 0; qq < q; qq++)
                {
                    var at = ((pp * q) + qq) * s;
                    for (var ss = 0; ss < s; ss++)
                    {
                        var valid = pp < pValid && qq < qValid && ss < sValid && r < g.R;
                        spad[at + ss] = valid ? o.Filter[o.FilterIndex(m0 + pp, c0 + qq, r, t0 + ss)] : 0;
                    }
                }
            }

            // The weight gradient's bias: the error words stream through column 0's MAC unit while they fill its spad.
            if (o.BiasSink is { } biasSink && place.Cb == 0 && place.Band == 0 && place.Split == 0 && r < g.R)
            {
                for (var pp = 0; pp < pValid; pp++)
                {
                    for (var ss = 0; ss < sValid; ss++)
                    {
                        biasSink[m0 + pp] += spad[(pp * q * s) + ss];
                    }
                }

                macUnitMacs += (long)pValid * sValid;
            }

            for (var j = 0; j < e; j++)
            {
                var pe = array[place.Top + i, place.Left + j];
                if (j > 0)
                {
                    Array.Copy(spad, pe.FilterSpad, p * q * s);
                }

                registerFile += (long)p * q * s + ((long)q * length);
                var outRow = (place.Band * e) + j;
                var busy = r < g.R && outRow < g.E && pValid > 0 && qValid > 0 && sValid > 0 && fValid > 0;
                if (Watched(pe))
                {
                    WatchUnit(op, g, o, place, pe, r, outRow, p, q, s, f, length, busy, i == 0);
                }

                if (busy)
                {
                    var macs = (long)pValid * qValid * sValid * fValid;
                    registerFile += 4 * macs;
                    Touch(pe, place.PassStart + fillCycles + LastSlot(fValid, pValid, qValid, sValid, p, q, s) + 1);
                    var y = (outRow * g.U) + (r * g.D);
                    var real = Macs(g, o, pe.FilterSpad, pe.PsumSpad, x, plane, y, m0, c0, t0, f0, outRow, pValid, qValid, sValid, fValid, q, s, separate);
                    macUnitMacs += o.Real is null ? macs : real;
                }

                // Each PE below the top of its column passes its psum tile (p·f words; p·q·f for a weight gradient) up.
                if (i > 0)
                {
                    interPe += (long)psums * f;
                }
            }
        }

        // The top PE of each column writes its column's psums; later units of a chain read them back first.
        var tile = (long)psums * e * f;
        globalBuffer.Move(place.FirstOfChain ? tile : 2 * tile);
    }

    // The slot of the last MAC a PE does: slots run (output, filter, channel, tap), the valid ones first in each.
    private static long LastSlot(int fValid, int pValid, int qValid, int sValid, int p, int q, int s) =>
        ((((((long)(fValid - 1) * p) + (pValid - 1)) * q) + (qValid - 1)) * s) + (sValid - 1);

    // The MACs of one PE in one unit; partial sums of each output go up the column into the exact sum of the output.
    // Returns the MACs whose ifmap word is not a padding or dilation zero (when the op counts only those).
    private static long Macs(ConvGeometry g, ConvOperands o, int[] filter, long[] psum, int[] x, int plane, int y,
        int m0, int c0, int t0, int f0, int outRow, int pValid, int qValid, int sValid, int fValid, int q, int s, bool separate)
    {
        var cs = o.ColumnStride;
        var cd = o.ColumnDilation;
        var sink = o.Sink;
        var real = o.Real;
        long realMacs = 0;
        for (var fi = 0; fi < fValid; fi++)
        {
            var column = ((f0 + fi) * cs) + (t0 * cd);
            for (var pp = 0; pp < pValid; pp++)
            {
                for (var qq = 0; qq < qValid; qq++)
                {
                    var fb = ((pp * q) + qq) * s;
                    var xb = ((c0 + qq) * plane) + (y * g.W) + column;
                    long sum = 0;
                    for (var ss = 0; ss < sValid; ss++)
                    {
                        sum += (long)filter[fb + ss] * x[xb + (ss * cd)];
                    }

                    if (real is not null)
                    {
                        for (var ss = 0; ss < sValid; ss++)
                        {
                            realMacs += real[xb + (ss * cd)];
                        }
                    }

                    if (o.UpdatePath is { } update)
                    {
                        for (var ss = 0; ss < sValid; ss++)
                        {
                            update(o.FilterIndex(m0 + pp, c0 + qq, 0, t0 + ss));
                        }
                    }

                    psum[separate ? (pp * q) + qq : pp] += sum;
                }
            }

            // The output's psums leave the PE: each adds into the column's sum of that output.
            for (var pp = 0; pp < pValid; pp++)
            {
                if (separate)
                {
                    for (var qq = 0; qq < qValid; qq++)
                    {
                        var at = (((((long)(m0 + pp) * g.C) + c0 + qq) * g.E) + outRow) * g.F + f0 + fi;
                        sink[at] += psum[(pp * q) + qq];
                        psum[(pp * q) + qq] = 0;
                    }
                }
                else
                {
                    var at = (((long)(m0 + pp) * g.E) + outRow) * g.F + f0 + fi;
                    sink[at] += psum[pp];
                    psum[pp] = 0;
                }
            }
        }

        return realMacs;
    }
}
