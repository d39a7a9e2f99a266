namespace HeartsMinds.Community.Platform.Web;

/// <summary>How text typed into any form is stored.</summary>
public static class FormText
{
    /// <summary>Trimmed text, or null when nothing is left, so an empty answer is stored as no answer.</summary>
    public static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
