namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>One post as the board page shows it to one viewer (the _Post partial's model).</summary>
public sealed record PostCard(PostView View, bool Mine, bool Voted, bool CanChange, bool ForStaff, bool Open, bool Editing, string TimeZoneId)
{
    public bool Visible => View.State == "visible";
    public bool Held => View.State == "held";
    public bool Removed => View.State == "removed";
}
