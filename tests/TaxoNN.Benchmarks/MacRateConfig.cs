using BenchmarkDotNet.Configs;

namespace TaxoNN.Benchmarks;

/// <summary>Adds the <see cref="MacRateColumn"/> to the default configuration.</summary>
public sealed class MacRateConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public MacRateConfig()
    {
        AddColumn(new MacRateColumn());
    }
}
