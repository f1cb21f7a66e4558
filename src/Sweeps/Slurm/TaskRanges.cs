using System.Globalization;
using System.Text;

namespace TaxoNN.Sweeps.Slurm;

/// <summary>Task indices as Slurm writes them in <c>--array</c> and <c>squeue</c>: <c>0-3,5,7-9</c>.</summary>
public static class TaskRanges
{
    /// <summary>The indices in ascending order, runs of consecutive ones joined: [0, 1, 2, 5] is "0-2,5".</summary>
    public static string Format(IEnumerable<int> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var sorted = tasks.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            text.Append(text.Length > 0 ? "," : string.Empty);
            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                text.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return text.ToString();
    }

    /// <summary>
    /// The indices of "0-2,5" or "[0-2,5%4]" (a throttle after '%' is dropped, a step after ':' is kept); null when the
    /// text is not such a list.
    /// </summary>
    public static IReadOnlyList<int>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Trim().TrimStart('[').TrimEnd(']');
        var percent = body.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            body = body[..percent];
        }

        var tasks = new List<int>();
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var step = 1;
            var range = part;
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (!int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    return null;
                }

                range = part[..colon];
            }

            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var fromText = dash < 0 ? range : range[..dash];
            var toText = dash < 0 ? range : range[(dash + 1)..];
            if (!int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
            {
                return null;
            }

            for (var i = from; i <= to; i += step)
            {
                tasks.Add(i);
            }
        }

        return tasks;
    }
}
