namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// One named field of a form with the value a browser would send; <paramref name="Kind"/> is the input type, "select"
/// or "textarea". <paramref name="MadeUp"/>: the page left it empty and the fuzzer filled it in.
/// </summary>
public sealed record FormField(string Name, string Value, string Kind, bool MadeUp = false);
