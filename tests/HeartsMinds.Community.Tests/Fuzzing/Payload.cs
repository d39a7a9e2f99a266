namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>A value to put in a field, already percent-encoded, so that it can carry bytes that are not UTF-8.</summary>
public sealed record Payload(string Label, string Encoded)
{
    public static Payload Text(string label, string text) => new(label, Uri.EscapeDataString(text));

    /// <summary>Sent as given: for bytes that no string holds, such as invalid UTF-8.</summary>
    public static Payload Raw(string label, string encoded) => new(label, encoded);
}
