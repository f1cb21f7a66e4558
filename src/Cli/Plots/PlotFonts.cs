using SkiaSharp;

namespace TaxoNN.Cli.Plots;

/// <summary>Picks the installed font that plots measure and draw their text with.</summary>
public static class PlotFonts
{
    /// <summary>What to tell the user when no font is installed at all.</summary>
    public const string MissingMessage =
        "No font is installed, so a plot's text can be neither measured nor drawn. Install one (on Debian or Ubuntu: " +
        "'apt-get install fonts-dejavu-core'; on Linux the plots read fonts from /usr/share/fonts) and run again.";

    // Sans faces, the one a fresh Debian gets from fonts-dejavu-core first. Skia's own default is merely the first
    // family it scans (DejaVu Serif on Debian), and ScottPlot falls back to that default when its favourites are absent.
    private static readonly string[] Preferred =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans", "Arial", "Helvetica", "Segoe UI"];

    private static readonly Lazy<string?> Installed = new(() => Choose(SKFontManager.Default.FontFamilies));

    /// <summary>The family to use, or null when the machine has no font (then <see cref="MissingMessage"/> applies).</summary>
    public static string? Family => Installed.Value;

    /// <summary>The preferred family among <paramref name="installed"/>, else the first by name, else null.</summary>
    internal static string? Choose(IEnumerable<string> installed)
    {
        var names = installed.Where(name => !string.IsNullOrWhiteSpace(name)).ToList();
        foreach (var preferred in Preferred)
        {
            var match = names.Find(name => string.Equals(name, preferred, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        // Sorted so that the same fonts give the same choice whatever order the font manager scanned them in.
        return names.Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
