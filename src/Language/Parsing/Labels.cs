namespace TaxoNN.Language.Parsing;

/// <summary>The labels the grammar gives its productions; the recovery turns them into diagnostic codes.</summary>
internal static class Labels
{
    public const string Name = "name";
    public const string Value = "value";
    public const string Number = "number";
    public const string EndOfStatement = "end of statement";
    public const string CloseParenthesis = "')'";
    public const string CloseBracket = "']'";
}
