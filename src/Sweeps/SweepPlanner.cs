using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using TaxoNN.Compiler;
using TaxoNN.Compiler.Checks;
using TaxoNN.Compiler.Lowering;
using TaxoNN.Compiler.Semantics;
using TaxoNN.Language.Diagnostics;

namespace TaxoNN.Sweeps;

/// <summary>
/// Plans a sweep: compiles its file, expands its grid into points (plus the float32 reference when it has a budget),
/// checks that every point's step fits the accumulator, and gives each point its id.
/// </summary>
public static class SweepPlanner
{
    /// <summary>
    /// The plan of the sweep named <paramref name="sweepName"/> (or the file's only sweep) of <paramref name="file"/>, to
    /// be written into <paramref name="folder"/>; null with <paramref name="diagnostics"/> or <paramref name="error"/> when
    /// it cannot be planned.
    /// </summary>
    public static SweepPlan? Plan(string file, string? sweepName, SweepFolder folder, out ImmutableArray<Diagnostic> diagnostics, out string? error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        error = null;
        var compilation = Compilation.Create([file]);
        diagnostics = compilation.Diagnostics;
        if (compilation.HasErrors)
        {
            return null;
        }

        if (FindSweep(compilation, sweepName, file, out error) is not { } sweep)
        {
            return null;
        }

        var problems = new List<Diagnostic>();
        var points = ImmutableArray.CreateBuilder<PlannedPoint>();
        foreach (var point in sweep.Points())
        {
            var training = sweep.Apply(point);
            problems.AddRange(AccumulatorCheck.Check(Lowerer.Lower(training, training.Fuse)).Where(d => d.Severity == DiagnosticSeverity.Error).Take(1));
            var parameters = point.Parameters(sweep).Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToImmutableArray();
            points.Add(new PlannedPoint(points.Count, PointId.Of(sweep.Training.Name, false, sweep.Limit, parameters, ToolVersion.Current), false, point.Index, parameters));
        }

        if (problems.Count > 0)
        {
            diagnostics = [.. diagnostics, .. problems.Take(10)];
            error = $"{problems.Count} point(s) of sweep '{sweep.Name}' cannot run exactly on the accelerator (the first ones are listed above); narrow the axes.";
            return null;
        }

        if (sweep.Budget is not null)
        {
            points.Add(new PlannedPoint(points.Count, PointId.Of(sweep.Training.Name, true, sweep.Limit, [], ToolVersion.Current), true, -1, []));
        }

        return new SweepPlan(
            Path.GetRelativePath(folder.Path, Path.GetFullPath(file)).Replace('\\', '/'),
            sweep.Name,
            sweep.Training.Name,
            SourcesHash(compilation),
            ToolVersion.Current,
            sweep.Limit,
            sweep.Budget,
            sweep.Metrics,
            points.ToImmutable());
    }

    /// <summary>The sweep named <paramref name="name"/> among the root file's, or its only one.</summary>
    internal static SweepSymbol? FindSweep(Compilation compilation, string? name, string file, out string? error)
    {
        error = null;
        var root = compilation.Sources.Files.Length > 0 ? compilation.Sources.Files[0].Source : null;
        var sweeps = compilation.Model.Sweeps.Where(s => ReferenceEquals(s.Location.Source, root) && (name is null || s.Name == name)).ToList();
        if (sweeps.Count == 1)
        {
            return sweeps[0];
        }

        error = sweeps.Count == 0
            ? $"{file}: no sweep{(name is null ? string.Empty : $" named '{name}'")} to plan."
            : $"{file} has {sweeps.Count} sweeps; choose one with --sweep ({string.Join(", ", sweeps.Select(s => s.Name))}).";
        return null;
    }

    /// <summary>A hash of every file the compilation read, in order, so that a point can tell that they changed.</summary>
    internal static string SourcesHash(Compilation compilation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var loaded in compilation.Sources.Files)
        {
            var text = loaded.Source?.Text ?? string.Empty;
            hash.AppendData(Encoding.UTF8.GetBytes($"{text.Length}\n"));
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
