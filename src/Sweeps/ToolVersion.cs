using System.Reflection;

namespace TaxoNN.Sweeps;

/// <summary>The version of TaxoNN that plans and runs a sweep; it is part of every point's id.</summary>
public static class ToolVersion
{
    /// <summary>The informational version without the source revision that builds may append after '+'.</summary>
    public static string Current { get; } =
        (typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
