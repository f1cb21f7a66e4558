namespace TaxoNN.Language.Schema;

/// <summary>A unit the language knows: its spelling, what it measures and its factor to the kind's base unit.</summary>
public sealed record Unit(string Name, UnitKind Kind, double Factor)
{
    /// <summary>Every unit, in the order docs list them. Base units: byte, word, word or byte per cycle, hertz, nanometre, bit, picojoule, percentage point.</summary>
    public static IReadOnlyList<Unit> All { get; } =
    [
        new("B", UnitKind.Bytes, 1),
        new("KiB", UnitKind.Bytes, 1024),
        new("MiB", UnitKind.Bytes, 1024 * 1024),
        new("words", UnitKind.Words, 1),
        new("words/cycle", UnitKind.Bandwidth, 1),
        new("B/cycle", UnitKind.Bandwidth, 1),
        new("Hz", UnitKind.Frequency, 1),
        new("kHz", UnitKind.Frequency, 1e3),
        new("MHz", UnitKind.Frequency, 1e6),
        new("GHz", UnitKind.Frequency, 1e9),
        new("nm", UnitKind.Length, 1),
        new("um", UnitKind.Length, 1000),
        new("bits", UnitKind.Bits, 1),
        new("fJ", UnitKind.Energy, 1e-3),
        new("pJ", UnitKind.Energy, 1),
        new("nJ", UnitKind.Energy, 1e3),
        new("pp", UnitKind.PercentagePoints, 1),
    ];

    /// <summary>The unit spelt <paramref name="name"/> (case-sensitive: 'MB' is not 'MiB'), or null.</summary>
    public static Unit? Find(string name) => All.FirstOrDefault(u => u.Name == name);

    /// <summary>How a kind is described in messages, with the units that measure it.</summary>
    public static string Describe(UnitKind kind) => kind switch
    {
        UnitKind.Bytes => "a size in bytes",
        UnitKind.Words => "a size in words",
        UnitKind.Bandwidth => "a bandwidth",
        UnitKind.Frequency => "a frequency",
        UnitKind.Length => "a length",
        UnitKind.Bits => "a width in bits",
        UnitKind.PercentagePoints => "a difference of rates in percentage points",
        _ => "an energy",
    };

    /// <summary>The units of one kind, for messages.</summary>
    public static string UnitsOf(params UnitKind[] kinds) =>
        string.Join(", ", All.Where(u => kinds.Contains(u.Kind)).Select(u => u.Name));
}
