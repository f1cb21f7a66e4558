using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Schema;

/// <content>The settings of accelerators and training set-ups.</content>
public sealed partial class StructureChecker
{
    private static readonly Setting[] AcceleratorSettings =
    [
        new("pe_array", true, "pe_array 12 x 14", (c, s) => c.ExpectDimensions(s, 2, 2, "rows x columns, such as '12 x 14'")),
        new("register_file", false, "register_file 260 words", (c, s) => c.CheckRegisterFile(s)),
        new("global_buffer", true, "global_buffer 108 KiB", (c, s) => c.ExpectQuantity(s, "108 KiB", UnitKind.Bytes, UnitKind.Words)),
        new("global_buffer_bandwidth", false, "global_buffer_bandwidth 16 words/cycle", (c, s) => c.ExpectQuantity(s, "16 words/cycle", UnitKind.Bandwidth)),
        new("dram_bandwidth", false, "dram_bandwidth 4 words/cycle", (c, s) => c.ExpectQuantity(s, "4 words/cycle", UnitKind.Bandwidth)),
        new("clock", true, "clock 200 MHz", (c, s) => c.ExpectQuantity(s, "200 MHz", UnitKind.Frequency)),
        new("technology", false, "technology 45 nm", (c, s) => c.ExpectQuantity(s, "45 nm", UnitKind.Length)),
        new("pe_bits", false, "pe_bits 8..24", (c, s) => c.ExpectBitsRange(s)),
        new("accumulator", false, "accumulator 64 bits", (c, s) => c.ExpectBits(s.Keyword.Name, c.One(s, "a width such as '64 bits'"), 2, 128)),
        new("training_extensions", false, "training_extensions on", (c, s) => c.ExpectBoolean(s)),
        new("energy", false, "energy { dram 200 }", (c, s) => c.CheckEnergy(s)),
    ];

    private static readonly Setting[] TrainingSettings =
    [
        new("network", true, "network LeNet5", (c, s) => c.ExpectName(s, "the name of a network")),
        new("accelerator", true, "accelerator Eyeriss", (c, s) => c.ExpectName(s, "the name of an accelerator")),
        new("data", true, "data mnist", (c, s) => c.CheckData(s)),
        new("learning_rate", true, "learning_rate 0.01", (c, s) => c.ExpectNumber(s.Keyword.Name, c.One(s, "a number"), false, double.Epsilon, 1e6, "greater than zero")),
        new("batch_size", false, "batch_size 1", (c, s) => c.ExpectNumber(s.Keyword.Name, c.One(s, "a whole number"), true, 1, 1 << 20, "between 1 and 1048576")),
        new("epochs", false, "epochs 1", (c, s) => c.ExpectNumber(s.Keyword.Name, c.One(s, "a whole number"), true, 1, 1_000_000, "between 1 and 1000000")),
        new("seed", false, "seed 42", (c, s) => c.ExpectNumber(s.Keyword.Name, c.One(s, "a whole number"), true, 0, long.MaxValue, "zero or more")),
        new("shuffle", false, "shuffle on", (c, s) => c.ExpectBoolean(s)),
        new("fuse", false, "fuse on", (c, s) => c.ExpectBoolean(s)),
        new("precision", false, "precision { default fixed(16, 12) nearest_even }", (c, s) => c.CheckPrecision(s)),
    ];

    private static readonly Setting[] ScratchpadSettings =
        LanguageNames.Scratchpads
            .Select(name => new Setting(name, true, $"{name} 12 words", (c, s) => c.ExpectQuantity(s, "12 words", UnitKind.Words, UnitKind.Bytes)))
            .ToArray();

    private static readonly Setting[] EnergySettings =
        LanguageNames.EnergyLevels
            .Select(name => new Setting(name, false, $"{name} 6", (c, s) => c.CheckEnergyValue(s)))
            .ToArray();

    private static readonly Setting[] DataSettings =
    [
        new("path", false, "path \"data/mnist\"", (c, s) => c.ExpectString(s)),
        new("divisor", false, "divisor 255", (c, s) => c.ExpectNumber(s.Keyword.Name, c.One(s, "a number"), false, double.Epsilon, double.MaxValue, "greater than zero")),
        new("mean", false, "mean 0.1307", (c, s) => c.ExpectNumberOrList(s, double.MinValue, double.MaxValue, "any number")),
        new("std", false, "std 0.3081", (c, s) => c.ExpectNumberOrList(s, double.Epsilon, double.MaxValue, "greater than zero")),
    ];

    private void ExpectDimensions(StatementSyntax statement, int min, int max, string what)
    {
        var value = One(statement, what);
        if (value is null)
        {
            return;
        }

        if (value is DimensionsSyntax dimensions && dimensions.Sizes.Length >= min && dimensions.Sizes.Length <= max)
        {
            foreach (var size in dimensions.Sizes)
            {
                ExpectNumber(statement.Keyword.Name, size, true, 1, int.MaxValue, "a whole number from 1 to 2147483647");
            }

            return;
        }

        if (value is NumberSyntax number && min <= 1)
        {
            ExpectNumber(statement.Keyword.Name, number, true, 1, int.MaxValue, "a whole number from 1 to 2147483647");
            return;
        }

        Report(value.Span, d => d.WrongValueKind(statement.Keyword.Name, what, Describe(value)));
    }

    private void CheckRegisterFile(StatementSyntax statement)
    {
        if (statement.Values.Length == 1 && statement.Values[0] is BlockSyntax block)
        {
            CheckSettings(block, "the register file", ScratchpadSettings);
            return;
        }

        ExpectQuantity(statement, "260 words", UnitKind.Words, UnitKind.Bytes);
    }

    private void ExpectBits(string name, ValueSyntax? value, int min, int max)
    {
        if (value is null)
        {
            return;
        }

        if (value is not NumberSyntax number)
        {
            Report(value.Span, d => d.WrongValueKind(name, "a width such as '16 bits'", Describe(value)));
            return;
        }

        if (number.Unit is { } unit && !CheckUnit(name, unit, UnitKind.Bits))
        {
            return;
        }

        CheckRange(name, number, true, min, max, $"a whole number of bits from {min} to {max}", number.Value);
    }

    private void ExpectBitsRange(StatementSyntax statement)
    {
        const string What = "a range of widths such as '8..24'";
        var value = One(statement, What);
        if (value is null)
        {
            return;
        }

        if (value is not RangeSyntax range)
        {
            Report(value.Span, d => d.WrongValueKind(statement.Keyword.Name, What, Describe(value)));
            return;
        }

        ExpectBits(statement.Keyword.Name, range.From, 1, 64);
        ExpectBits(statement.Keyword.Name, range.To, 1, 64);
        if (range.From.Value > range.To.Value)
        {
            Report(range.Span, d => d.ValueOutOfRange(statement.Keyword.Name, $"{range.From.Text}..{range.To.Text}", "a range whose lower end is not above its upper end"));
        }
    }

    private void CheckEnergy(StatementSyntax statement)
    {
        if (statement.Values.Length == 1 && statement.Values[0] is BlockSyntax block)
        {
            CheckSettings(block, "the energy table", EnergySettings);

            // Relative entries are multiples of the MAC's energy; absolute ones can join them only if the MAC's is absolute.
            bool Absolute(StatementSyntax s) => s.Values is [NumberSyntax { Unit: not null }];
            var entries = block.Statements.OfType<StatementSyntax>().ToList();
            var mac = entries.FirstOrDefault(s => s.Keyword.Name == "mac");
            if (mac is null || !Absolute(mac))
            {
                foreach (var absolute in entries.Where(s => s.Keyword.Name != "mac" && Absolute(s)))
                {
                    Report(absolute.Values[0].Span, d => d.EnergyUnitsMixed(absolute.Keyword.Name));
                }
            }

            return;
        }

        One(statement, "a block such as 'energy { dram 200 }'");
        if (statement.Values.Length == 1)
        {
            Report(statement.Values[0].Span, d => d.WrongValueKind("energy", "a block such as 'energy { dram 200 }'", Describe(statement.Values[0])));
        }
    }

    // Energy per access: relative to one MAC when unitless, or an absolute energy.
    private void CheckEnergyValue(StatementSyntax statement)
    {
        const string What = "an energy per access, relative to one MAC (such as '6') or absolute (such as '1.2 pJ')";
        var value = One(statement, What);
        if (value is NumberSyntax { Unit: null } plain)
        {
            ExpectNumber(statement.Keyword.Name, plain, false, double.Epsilon, double.MaxValue, "greater than zero");
        }
        else if (value is NumberSyntax)
        {
            ExpectQuantity(statement.Keyword.Name, value, "1.2 pJ", UnitKind.Energy);
        }
        else if (value is not null)
        {
            Report(value.Span, d => d.WrongValueKind(statement.Keyword.Name, What, Describe(value)));
        }
    }

    private void CheckData(StatementSyntax statement)
    {
        var what = $"a data set ({OneOf(LanguageNames.Datasets)}), optionally followed by a block";
        if (statement.Values.Length is < 1 or > 2 || (statement.Values.Length == 2 && statement.Values[1] is not BlockSyntax))
        {
            Report(ValuesSpan(statement), d => d.WrongValueKind("data", what, Describe(statement.Values)));
            return;
        }

        ExpectChoice("data", statement.Values[0], LanguageNames.Datasets);
        if (statement.Body is { } block)
        {
            CheckSettings(block, "the data block", DataSettings);
        }
    }

    private void ExpectNumberOrList(StatementSyntax statement, double min, double max, string range)
    {
        var value = One(statement, "a number, or a list with one number per channel");
        if (value is ListSyntax list && list.Items.Length > 0)
        {
            foreach (var item in list.Items)
            {
                ExpectNumber(statement.Keyword.Name, item, false, min, max, range);
            }

            return;
        }

        if (value is ListSyntax empty)
        {
            Report(empty.Span, d => d.WrongValueKind(statement.Keyword.Name, "a number, or a list with one number per channel", "an empty list"));
            return;
        }

        ExpectNumber(statement.Keyword.Name, value, false, min, max, range);
    }
}
