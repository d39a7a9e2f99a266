using System.Net;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>A response as the fuzzer keeps it, with the cookies it set as "name=value" ("name=" for one it cleared).</summary>
public sealed record FuzzAnswer(HttpStatusCode Status, string Body, string? Location, bool IsHtml, IReadOnlyList<string> Cookies);
