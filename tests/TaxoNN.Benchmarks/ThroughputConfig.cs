using BenchmarkDotNet.Configs;

namespace TaxoNN.Benchmarks;

/// <summary>Adds the <see cref="ThroughputColumn"/> to the default configuration.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn());
    }
}
