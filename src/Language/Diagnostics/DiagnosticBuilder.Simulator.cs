using System.Globalization;
using D = TaxoNN.Language.Diagnostics.DiagnosticDescriptors;

namespace TaxoNN.Language.Diagnostics;

/// <content>Messages of the cycle-accurate simulator, one method per code; each is located at the layer of the op.</content>
public readonly partial struct DiagnosticBuilder
{
    /// <summary>TAXO6001.</summary>
    public Diagnostic ScheduleDoesNotFit(string op, string what) =>
        Make(D.ScheduleDoesNotFit, $"The mapping of '{op}' does not fit the array: {what}. Compile the schedule for this accelerator again, or give the accelerator a larger 'pe_array'.");

    /// <summary>TAXO6002.</summary>
    public Diagnostic RegisterFileTooSmall(string op, string spad, long needed, long available) =>
        Make(D.RegisterFileTooSmall, $"The mapping of '{op}' keeps {needed.ToString("N0", CultureInfo.InvariantCulture)} words in each PE's {spad} spad, which holds {available.ToString("N0", CultureInfo.InvariantCulture)}; enlarge '{spad}' in the accelerator's 'register_file' block.");

    /// <summary>TAXO6003.</summary>
    public Diagnostic CycleBudgetExceeded(string op, long cycles, long budget) =>
        Make(D.CycleBudgetExceeded, $"The step would pass the budget of {budget.ToString("N0", CultureInfo.InvariantCulture)} cycles in '{op}' (at least {cycles.ToString("N0", CultureInfo.InvariantCulture)} cycles); the simulation stopped there. Raise the budget with --cycle-budget, or simulate a smaller network.");

    /// <summary>TAXO6004.</summary>
    public Diagnostic OpNeedsTrainingPe(string op, string accelerator) =>
        Make(D.OpNeedsTrainingPe, $"'{op}' needs the training extensions (operand multiplexers, f′ unit, update path), but the PEs of '{accelerator}' are inference-only; simulate the forward pass only, or use an accelerator with 'training_extensions on'.");
}
