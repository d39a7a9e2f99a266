using System.ComponentModel.DataAnnotations;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Text that goes on one line (a title, a name, a link): no line breaks, tabs or other control characters. A form
/// never sends them, but a crafted one could, and a title with a line break would break the subject of every email
/// about the event.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SingleLineAttribute() : ValidationAttribute("{0} should be on one line, without line breaks, tabs or invisible control characters")
{
    public override bool IsValid(object? value) => value is not string text || !text.Any(char.IsControl);
}
