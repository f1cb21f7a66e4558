using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;

namespace TaxoNN.Sweeps;

/// <summary>The data set of a set-up, from its path relative to the file that declares the set-up.</summary>
public static class SweepData
{
    /// <summary>The full path of <paramref name="training"/>'s data folder.</summary>
    public static string Folder(TrainingSymbol training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var folderOfFile = Path.GetDirectoryName(Path.GetFullPath(training.Location.Source.Path)) ?? ".";
        return Path.GetFullPath(Path.Combine(folderOfFile, training.Data.Path));
    }

    /// <summary>Loads the data set; throws <see cref="SweepException"/> with the loader's diagnostics when it cannot.</summary>
    public static LoadedDataset Load(TrainingSymbol training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var data = DataLoader.Load(training.Data.Dataset, Folder(training));
        if (!data.Succeeded)
        {
            throw new SweepException($"the data set cannot be loaded: {string.Join(" ", data.Diagnostics.Select(d => d.ToString()))}");
        }

        return data;
    }
}
