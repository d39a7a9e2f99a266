namespace HeartsMinds.Community.Features.Registrations.Manage;

/// <summary>
/// The confirm step before a change that emails people: how many, what they'll hear, and the form's values again as
/// hidden fields (under "Input.") so "Save and email them" sends the same change with Confirmed=true.
/// </summary>
public sealed record EmailConfirmation(int People, string What, object Input);
