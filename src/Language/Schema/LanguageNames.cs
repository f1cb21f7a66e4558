namespace TaxoNN.Language.Schema;

/// <summary>The keywords and names of the language, in one place for the checker, the docs and the generator.</summary>
public static class LanguageNames
{
    /// <summary>Statements allowed at the top level of a file.</summary>
    public static readonly string[] TopLevel = ["import", "accelerator", "network", "training", "sweep"];

    /// <summary>Layer kinds and their arguments.</summary>
    public static readonly string[] LayerKinds = ["conv2d", "maxpool", "avgpool", "dense", "flatten", "relu", "sigmoid", "tanh", "identity"];

    /// <summary>Losses a network can end with.</summary>
    public static readonly string[] Losses = ["softmax_cross_entropy", "mean_squared_error"];

    /// <summary>Data sets a training set-up can read.</summary>
    public static readonly string[] Datasets = ["mnist", "fashion_mnist", "cifar10", "svhn"];

    /// <summary>Rounding modes of a fixed-point format.</summary>
    public static readonly string[] RoundingModes = ["nearest_even", "stochastic"];

    /// <summary>The passes of a training step that can each have their own format.</summary>
    public static readonly string[] Passes = ["forward", "error", "weight_gradient", "update"];

    /// <summary>Words accepted for a yes/no setting.</summary>
    public static readonly string[] Booleans = ["on", "off", "true", "false"];

    /// <summary>Memory levels whose energy per access an accelerator may override, and the MAC itself.</summary>
    public static readonly string[] EnergyLevels = ["mac", "register_file", "inter_pe", "global_buffer", "dram"];

    /// <summary>The scratchpads of a PE's register file, as in Eyeriss.</summary>
    public static readonly string[] Scratchpads = ["ifmap", "filter", "psum"];

    /// <summary>The figures a sweep can record for each point.</summary>
    public static readonly string[] SweepMetrics = ["misclassification", "cycles", "energy", "area", "power"];

    /// <summary>The settings of an accelerator or a training set-up that a sweep's axes can vary.</summary>
    public static readonly string[] SweepSettingAxes =
        ["pe_array", "global_buffer", "register_file", "global_buffer_bandwidth", "dram_bandwidth", "clock", "learning_rate", "batch_size", "epochs", "seed"];
}
