using TaxoNN.Language.Syntax;

namespace TaxoNN.Language.Formatting;

/// <summary>
/// Prints a parsed <c>.taxo</c> file in its one canonical layout, keeping every comment and never changing what the
/// file means.
/// </summary>
/// <remarks>
/// <para>The layout: two spaces of indentation per block; one statement per line (a ';' becomes a line break); one
/// space between a statement's parts (<c>c1: conv2d(filters: 6, kernel: 5)</c>, <c>clock 200 MHz</c>); arguments
/// and list items separated by ", " with no space inside the brackets; dimensions as <c>1 x 28 x 28</c>; ranges as
/// <c>8..24</c>; a number and its unit separated by one space; numbers and strings exactly as written. A block opens
/// with " {" on its statement's line, its statements are indented one level and its '}' has a line of its own; an
/// empty block without comments is <c>{}</c>.</para>
/// <para>A block stays on one line, as <c>{ statement }</c>, when its source was on one line, it holds exactly one
/// statement, no comment lies inside it, and no block nested in it holds more than one statement (so everything
/// inside also prints on one line). Every other block is printed over several lines; the rule looks only at the
/// source and gives the same answer for its own output, which keeps formatting idempotent.</para>
/// <para>Blank lines between statements (and comments on their own lines) are kept, collapsed to one; there are none
/// at the start or end of a block or of the file, and none inside argument lists or lists. The text ends with one
/// line break; a file with neither statements nor comments formats to the empty string.</para>
/// <para>Comments: one that starts on the line where the previous statement, item or '{' / '(' / '[' ended stays
/// there, after one space; one that starts a line gets a line of its own, indented as the statements or items
/// around it (a block comment followed by a statement on the same line is also put on its own line). A block comment
/// between the parts of a statement or of an item stays inline. An argument list or list with any comment inside is
/// printed one item per line, its comma right after the item and before any trailing comment. Block comments are
/// reproduced verbatim, multi-line ones included; line comments lose only their trailing white space.</para>
/// </remarks>
public static class Formatter
{
    /// <summary>
    /// Whether <paramref name="tree"/> can be formatted: false when it has a lexical or syntax error (a code below
    /// TAXO0100), since skipped text cannot be laid out without risking its meaning.
    /// </summary>
    public static bool CanFormat(SyntaxTree tree) =>
        !tree.Diagnostics.Any(d => string.CompareOrdinal(d.Code, "TAXO0100") < 0);

    /// <summary>Formats <paramref name="tree"/>; callers check <see cref="CanFormat"/> first.</summary>
    /// <exception cref="ArgumentException">The tree has lexical or syntax errors.</exception>
    public static string Format(SyntaxTree tree)
    {
        if (!CanFormat(tree))
        {
            throw new ArgumentException($"'{tree.Source.Path}' has syntax errors and cannot be formatted; check CanFormat first.", nameof(tree));
        }

        return new TreeFormatter(tree).Run();
    }
}
