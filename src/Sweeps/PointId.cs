using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaxoNN.Sweeps;

/// <summary>
/// A point's stable id: the first 16 hex digits of the SHA-256 of its training set-up's name, its precision mode, its
/// sample limit, its parameters in order and the tool's version. The same point planned twice gets the same id, so
/// a result already computed is found again; another version of the tool computes it anew.
/// </summary>
public static class PointId
{
    /// <summary>The id of a point with these <paramref name="parameters"/>.</summary>
    public static string Of(string training, bool isFloat, long? limit, IEnumerable<KeyValuePair<string, string>> parameters, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder();
        text.Append("taxonn sweep point\n");
        text.Append(CultureInfo.InvariantCulture, $"tool={toolVersion}\n");
        text.Append(CultureInfo.InvariantCulture, $"training={training}\n");
        text.Append(isFloat ? "precision=float32\n" : "precision=fixed\n");
        text.Append(CultureInfo.InvariantCulture, $"limit={(limit is { } n ? n.ToString(CultureInfo.InvariantCulture) : "none")}\n");
        foreach (var (key, value) in parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key}={value}\n");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }
}
