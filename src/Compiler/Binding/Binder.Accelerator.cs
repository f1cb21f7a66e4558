using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Schema;
using TaxoNN.Language.Syntax;
using static TaxoNN.Compiler.Binding.SyntaxValues;

namespace TaxoNN.Compiler.Binding;

/// <content>Accelerators, with the defaults docs/language.md lists.</content>
public sealed partial class Binder
{
    private static AcceleratorSymbol BindAccelerator(Declaration declaration)
    {
        var body = declaration.Body;
        var array = Single(Find(body, "pe_array")) as DimensionsSyntax;
        var rows = (int)(Integer(array?.Sizes[0]) ?? 12);
        var columns = (int)(Integer(array?.Sizes[1]) ?? 14);

        var bits = Single(Find(body, "pe_bits")) as RangeSyntax;
        var minBits = (int)(bits is null ? 8 : (long)bits.From.Value);
        var maxBits = (int)(bits is null ? 24 : (long)bits.To.Value);

        // Spad sizes count registers, one value each; a size in bytes holds values of the widest PE format.
        int Registers(ValueSyntax? value, int fallback) => Quantity(value, UnitKind.Words, UnitKind.Bytes) switch
        {
            ({ } words, UnitKind.Words) => (int)Math.Min(words, int.MaxValue),
            ({ } bytes, _) => (int)Math.Min(bytes * 8 / maxBits, int.MaxValue),
            _ => fallback,
        };

        var registerFile = Find(body, "register_file");
        int ifmap = 12, filter = 224, psum = 24;
        if (Single(registerFile) is BlockSyntax spads)
        {
            ifmap = Registers(Single(Find(spads, "ifmap")), ifmap);
            filter = Registers(Single(Find(spads, "filter")), filter);
            psum = Registers(Single(Find(spads, "psum")), psum);
        }
        else if (registerFile is not null)
        {
            // One total: split in Eyeriss's proportions 12 : 224 : 24.
            var total = Registers(Single(registerFile), 260);
            ifmap = Math.Max(1, total * 12 / 260);
            psum = Math.Max(1, total * 24 / 260);
            filter = Math.Max(1, total - ifmap - psum);
        }

        var glb = Quantity(Single(Find(body, "global_buffer")), UnitKind.Bytes, UnitKind.Words) switch
        {
            ({ } words, UnitKind.Words) => (long)Math.Ceiling(words * maxBits / 8),
            ({ } bytes, _) => (long)bytes,
            _ => 108 * 1024,
        };

        double Bandwidth(string setting, double fallback) => Single(Find(body, setting)) is NumberSyntax { Unit: { } unit } number
            && Quantity(number, UnitKind.Bandwidth) is ({ } value, _)
            ? unit.Numerator == "B" ? value * 8 / maxBits : value
            : fallback;

        var energy = EnergyTable.EyerissDefaults;
        if (Single(Find(body, "energy")) is BlockSyntax table)
        {
            EnergyCost Cost(string level, EnergyCost fallback) => Single(Find(table, level)) switch
            {
                NumberSyntax { Unit: null } plain when Number(plain) is { } relative => EnergyCost.Relative(relative),
                var value when Quantity(value, UnitKind.Energy) is ({ } picojoules, _) => EnergyCost.Picojoules(picojoules),
                _ => fallback,
            };

            energy = new EnergyTable(
                Cost("mac", energy.Mac),
                Cost("register_file", energy.RegisterFile),
                Cost("inter_pe", energy.InterPe),
                Cost("global_buffer", energy.GlobalBuffer),
                Cost("dram", energy.Dram));
        }

        return new AcceleratorSymbol(
            declaration.Name,
            new SourceLocation(declaration.Source, declaration.Statement.Values[0].Span),
            rows,
            columns,
            ifmap,
            filter,
            psum,
            glb,
            Bandwidth("global_buffer_bandwidth", 16),
            Bandwidth("dram_bandwidth", 4),
            Quantity(Single(Find(body, "clock")), UnitKind.Frequency)?.Value ?? 200e6,
            Quantity(Single(Find(body, "technology")), UnitKind.Length)?.Value ?? 45,
            minBits,
            maxBits,
            (int)((Single(Find(body, "accumulator")) as NumberSyntax)?.IntegerValue ?? 64),
            Boolean(Single(Find(body, "training_extensions"))) ?? true,
            energy);
    }
}
