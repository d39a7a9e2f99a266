using Microsoft.AspNetCore.Mvc.ModelBinding;
using HeartsMinds.Community.Platform.Web;
using MimeKit;

namespace HeartsMinds.Community.Features.Registrations;

public sealed class AttendeeInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Role { get; set; }
    public string? AccessNeeds { get; set; }
    public string? DietaryNeeds { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Role)
        && string.IsNullOrWhiteSpace(AccessNeeds) && string.IsNullOrWhiteSpace(DietaryNeeds);
}
