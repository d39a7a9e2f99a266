using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HeartsMinds.Community.Tests.Fuzzing;

/// <summary>
/// The requests the fuzzer makes of one form: each field in turn given each of its payloads (the others left valid),
/// rows that are not there, bad ids in the URL, bad or missing antiforgery tokens, odd bodies and odd methods, and last
/// the form as filled in. Also the requests it makes of a page: bad ids and query values, odd methods.
/// </summary>
public static partial class FuzzVariants
{
    private static readonly string[] OddMethods = ["TRACE", "PUT", "DELETE", "OPTIONS", "PATCH"];
    private static readonly string[] BadRows = ["999", "-1", "2147483648", "abc", ""];

    public static IEnumerable<FuzzRequest> ForForm(FormSubmission form, string foreignToken, Random random)
    {
        // Made afresh for each request, so that a valid variant is not turned away as a repeat of an earlier one.
        List<(string Name, string Value)> Filled() => form.Fields.Select(f => (f.Name, Renewed(f, random))).ToList();
        List<(string Name, string Value)> Valid() => Encoded(Filled());

        // One field of each kind: row 0 of a list stands for every row, the first of a set of checkboxes for the set.
        var fieldsToChange = form.Fields.Select((field, index) => (field, index)).DistinctBy(f => UrlShape.OfField(f.field.Name));
        foreach (var (field, i) in fieldsToChange)
        {
            foreach (var payload in Payloads.ForField(field, random))
            {
                List<(string Name, string Value)> Changed() => Valid().Select((pair, j) => j == i ? pair with { Value = payload.Encoded } : pair).ToList();
                yield return Send(form, Changed(), field.Name, payload.Label);
                // htmx gets fragments of the page, which encode what they echo on their own.
                if (payload.Label is "script" or "img onerror") yield return Send(form, Changed(), field.Name, payload.Label + ", as htmx", htmx: true);
            }
            yield return Send(form, Valid().Where((_, j) => j != i), field.Name, "left out");
            yield return Send(form, Valid().SelectMany((pair, j) => j == i ? [pair, pair with { Value = "other" }] : new[] { pair }), field.Name, "twice");
        }

        foreach (var request in ListRows(form, Valid)) yield return request;
        foreach (var prefix in form.Fields.SelectMany(f => Prefixes(f.Name)).Distinct())
            yield return Send(form, [.. Valid(), (Encode(prefix), "abc")], prefix, "a model given as one value");
        // A browser replaces the query of a GET form's action with the fields.
        foreach (var (url, field, payload) in BadUrls(form.Action, random, withQuery: !form.IsGet))
            yield return Send(form, Valid(), field, payload, action: url);

        if (!form.IsGet)
        {
            yield return Send(form with { Token = null }, Valid(), PageReader.TokenField, "left out");
            yield return Send(form with { Token = "abc" }, Valid(), PageReader.TokenField, "abc");
            yield return Send(form with { Token = foreignToken }, Valid(), PageReader.TokenField, "another visitor's");
            foreach (var request in OddBodies(form, Filled)) yield return request;
            foreach (var method in OddMethods) yield return Send(form, Valid(), "", "valid values") with { Method = method };
        }
        yield return Send(form, [], "", "no fields");
        yield return Send(form, [.. Valid(), ("Fuzz.Unknown", "1")], "Fuzz.Unknown", "a field the form doesn't have");
        yield return Send(form, [.. Valid(), .. Enumerable.Range(0, 1_500).Select(n => ($"f{n}", "1"))], "", "1,500 fields");

        // Last, as sending the form as filled in may use up what it acts on (a cancelled place, an accepted invitation).
        yield return Send(form, Valid(), "", "valid values, as htmx", htmx: true);
        yield return Send(form, Valid(), "", "valid values");
    }

    /// <summary>The form as filled in, the way the fuzzer sends it before the variants to check that the app takes it.</summary>
    public static FuzzRequest AsFilledIn(FormSubmission form, Random random) =>
        Send(form, Encoded(form.Fields.Select(f => (f.Name, Renewed(f, random)))), "", "valid values, before fuzzing");

    /// <summary>
    /// A field's value for one request: a new submission key (a hidden GUID named like SubmissionKey; other hidden GUIDs
    /// are ids) and a new made-up email address each time, as a person filling in the form again would have, so that
    /// the app does not answer "already done".
    /// </summary>
    private static string Renewed(FormField field, Random random)
    {
        if (field.Kind == "hidden" && field.Name.EndsWith("Key", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(field.Value, out _))
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }
        return field.MadeUp && field.Value == PlausibleValues.Email ? $"fuzz.{random.Next():x8}@example.org" : field.Value;
    }

    /// <summary>A page fetched with its ids and query values made bad, and with methods its links never use.</summary>
    public static IEnumerable<FuzzRequest> ForPage(string url, Random random) =>
        BadUrls(url, random).Select(bad => new FuzzRequest("GET", bad.Url, Field: bad.Field, Payload: bad.Payload))
            .Concat(OddMethods.Append("POST").Select(method => new FuzzRequest(method, url, Field: "", Payload: "method on a page")));

    /// <summary>Rows that are not there (Input.Attendees[999].Name), rows named by key, and far too many rows.</summary>
    private static IEnumerable<FuzzRequest> ListRows(FormSubmission form, Func<List<(string Name, string Value)>> fresh)
    {
        var lists = form.Fields.Select(f => FirstRow().Match(f.Name)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct();
        foreach (var list in lists)
        {
            var rowZero = form.Fields.Select((f, i) => (f, i)).Where(x => x.f.Name.StartsWith(list + "[0]", StringComparison.Ordinal)).ToList();
            string InRow(string name, string row) => Encode(name.Replace(list + "[0]", $"{list}[{row}]"));
            var (first, firstIndex) = rowZero[0];
            foreach (var bad in BadRows)
            {
                var renamed = first.Name.Replace(list + "[0]", $"{list}[{bad}]");
                yield return Send(form, fresh().Select((pair, j) => j == firstIndex ? pair with { Name = Encode(renamed) } : pair), renamed, $"row {bad}");
                yield return Send(form, [.. fresh(), (Encode(renamed), "Fuzz")], renamed, $"extra row {bad}");
            }
            var keyed = fresh().Select((pair, j) => rowZero.Any(r => r.i == j) ? pair with { Name = InRow(form.Fields[j].Name, "x") } : pair);
            yield return Send(form, [.. keyed, (Encode(list + ".index"), "x")], list + ".index", "rows named by key");
            var valid = fresh();
            var manyRows = Enumerable.Range(1, 150).SelectMany(n => rowZero.Select(r => (InRow(r.f.Name, n.ToString()), valid[r.i].Value)));
            yield return Send(form, [.. valid, .. manyRows], list, "151 rows");
        }
    }

    /// <summary>
    /// <paramref name="url"/> with each id or token in its path, and each value in its query, made bad in turn (a handler
    /// only empty or unknown: the page's real handlers are fuzzed through its forms).
    /// </summary>
    private static IEnumerable<(string Url, string Field, string Payload)> BadUrls(string url, Random random, bool withQuery = true)
    {
        var queryStart = url.IndexOf('?');
        var path = queryStart < 0 ? url : url[..queryStart];
        var query = queryStart < 0 ? "" : url[queryStart..];
        var segments = path.Split('/');
        for (var s = 0; s < segments.Length; s++)
        {
            if (UrlShape.Of("/" + segments[s]) == "/" + segments[s]) continue; // only ids and tokens
            // Kestrel refuses a NUL in the path with a 400 before the app sees it; the test server throws instead.
            foreach (var payload in Payloads.ForUrls(random).Where(p => !p.Encoded.Contains("%00")))
                yield return (string.Join('/', segments.Select((segment, i) => i == s ? payload.Encoded : segment)) + query, $"path segment {s}", payload.Label);
        }
        if (!withQuery) yield break;

        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToList();
        for (var q = 0; q < pairs.Count; q++)
        {
            var key = pairs[q][0];
            var others = pairs.Where((_, i) => i != q).Select(p => string.Join('=', p)).ToList();
            string With(IEnumerable<string> changedPairs) => path + "?" + string.Join('&', changedPairs);
            IReadOnlyList<Payload> values = key.Equals("handler", StringComparison.OrdinalIgnoreCase)
                ? [Payload.Text("empty", ""), Payload.Text("unknown handler", "NoSuchThing")]
                : Payloads.ForUrls(random);
            foreach (var payload in values)
                yield return (With([.. others, $"{key}={payload.Encoded}"]), "?" + key, payload.Label);
            yield return (With(others), "?" + key, "left out");
            yield return (With([.. others, string.Join('=', pairs[q]), $"{key}=1"]), "?" + key, "twice");
        }
    }

    /// <summary>The form's values in bodies a browser would not send. Each could be taken, so each is filled in afresh.</summary>
    private static IEnumerable<FuzzRequest> OddBodies(FormSubmission form, Func<List<(string Name, string Value)>> fill)
    {
        List<(string Name, string Value)> WithToken() => form.Token is null || form.TokenInHeader ? fill() : [.. fill(), (PageReader.TokenField, form.Token)];
        const string boundary = "fuzz-boundary";
        string Multipart() => string.Concat(WithToken().Select(f => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{f.Name}\"\r\n\r\n{f.Value}\r\n")) + $"--{boundary}--\r\n";
        var multipart = $"multipart/form-data; boundary={boundary}";

        yield return Send(form, [], "", "as multipart") with { Body = Multipart(), ContentType = multipart };
        var cut = Multipart();
        yield return Send(form, [], "", "multipart cut short") with { Body = cut[..(cut.Length / 2)], ContentType = multipart };
        var json = JsonSerializer.Serialize(WithToken().DistinctBy(f => f.Name).ToDictionary(f => f.Name, f => f.Value));
        yield return Send(form, [], "", "as JSON") with { Body = json, ContentType = "application/json" };
        yield return Send(form, Encoded(fill()), "", "as text/plain") with { ContentType = "text/plain" };
        yield return Send(form, Encoded(fill()), "", "claiming UTF-16") with { ContentType = "application/x-www-form-urlencoded; charset=utf-16" };
        yield return Send(form, [.. Encoded(fill()), ("=", ""), ("%", "%zz"), ("a", "b=c"), ("", "")], "", "malformed body");
        yield return Send(form, [.. Encoded(fill()), ("Fuzz.Big", new string('a', 1_200_000))], "Fuzz.Big", "a body over 1 MiB");
    }

    private static FuzzRequest Send(FormSubmission form, IEnumerable<(string Name, string Value)> pairs, string field, string payload,
        bool htmx = false, string? action = null)
    {
        var url = action ?? form.Action;
        var sent = pairs.ToList();
        var headers = new List<KeyValuePair<string, string>>();
        if (htmx) headers.Add(new("HX-Request", "true"));
        if (form.IsGet)
        {
            var path = url.Split('?')[0];
            return new FuzzRequest("GET", sent.Count == 0 ? path : path + "?" + Join(sent), null, field, payload) { Headers = headers };
        }
        if (form.Token is { } token)
        {
            if (form.TokenInHeader || htmx) headers.Add(new("RequestVerificationToken", token));
            else sent.Add((PageReader.TokenField, Encode(token)));
        }
        return new FuzzRequest("POST", url, Join(sent), field, payload) { Headers = headers };
    }

    private static string Join(IEnumerable<(string Name, string Value)> pairs) => string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));

    private static string Encode(string text) => Uri.EscapeDataString(text);

    private static List<(string Name, string Value)> Encoded(IEnumerable<(string Name, string Value)> pairs) =>
        pairs.Select(p => (Encode(p.Name), Encode(p.Value))).ToList();

    /// <summary>"Input", "Input.Attendees" and "Input.Attendees[0]" for Input.Attendees[0].Name.</summary>
    private static IEnumerable<string> Prefixes(string name)
    {
        for (var i = 1; i < name.Length; i++)
            if (name[i] is '.' or '[') yield return name[..i];
    }

    [GeneratedRegex(@"^(.+?)\[0\]")]
    private static partial Regex FirstRow();
}
