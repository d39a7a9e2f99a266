namespace HeartsMinds.Community.Features.Registrations;

/// <summary>
/// What the _AttendeeRows partial needs: the people typed so far. Its "Add another person" and "Remove" buttons post
/// to the page's own AddAttendee and RemoveAttendee handlers. Without JavaScript those buttons re-post the whole form
/// and the page comes back with one more or one fewer row; with htmx only the rows are swapped.
/// </summary>
public sealed record AttendeeRowsView(IReadOnlyList<AttendeeInput> Rows, bool AsksDietaryNeeds)
{
    /// <summary>The heading above the rows.</summary>
    public string Heading { get; init; } = "Who is coming";

    public string? Hint { get; init; }

    /// <summary>The prefix the fields are posted under: "Input" gives Input.Attendees[0].Name.</summary>
    public string Prefix { get; init; } = "Input";

    /// <summary>The row just added, whose name field takes focus (autofocus works with and without JavaScript).</summary>
    public int? FocusRow { get; init; }

    /// <summary>A row was just removed: the heading takes focus, since the button that was pressed has gone.</summary>
    public bool FocusHeading { get; init; }

    public string Field(int index, string name) => $"{Prefix}.Attendees[{index}].{name}";
    public string ListKey => $"{Prefix}.Attendees";

    /// <summary>The fields in the order they appear, for the error summary.</summary>
    public IEnumerable<string> FieldOrder()
    {
        yield return ListKey;
        for (var i = 0; i < Rows.Count; i++)
        {
            yield return Field(i, "Name");
            yield return Field(i, "Email");
            yield return Field(i, "Role");
            yield return Field(i, "AccessNeeds");
            if (AsksDietaryNeeds) yield return Field(i, "DietaryNeeds");
        }
    }

    /// <summary>Adds an empty row (up to the limit) for the "Add another person" button.</summary>
    public static int AddRow(List<AttendeeInput> rows)
    {
        if (rows.Count < FormRules.MaxAttendees) rows.Add(new AttendeeInput());
        return rows.Count - 1;
    }

    /// <summary>Removes a row for its "Remove" button, always leaving at least one.</summary>
    public static void RemoveRow(List<AttendeeInput> rows, int index)
    {
        if (index >= 0 && index < rows.Count) rows.RemoveAt(index);
        if (rows.Count == 0) rows.Add(new AttendeeInput());
    }
}
