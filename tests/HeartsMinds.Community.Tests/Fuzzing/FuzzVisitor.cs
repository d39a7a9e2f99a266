namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// Someone using the site. Each form gets a new client from <paramref name="NewClientAsync"/>, so that what one form
/// does to the session leaves the next as it was. <paramref name="SignInAgainAsync"/> (for staff) signs a client in
/// again on the same cookies, which keeps its antiforgery tokens good, when a form signed it out.
/// </summary>
public sealed record FuzzVisitor(string Name, Func<Task<HttpClient>> NewClientAsync, Func<HttpClient, Task>? SignInAgainAsync = null);
