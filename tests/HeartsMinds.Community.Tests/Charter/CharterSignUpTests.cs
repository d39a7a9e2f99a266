using System.Net;
using System.Xml;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeartsMinds.Community.Tests.Charter;

/// <summary>Signing the Charter over real HTTP: the page, the form's messages, double opt-in, confirmation and the badge.</summary>
public sealed class CharterSignUpTests(CharterAppFactory app) : IClassFixture<CharterAppFactory>
{
    [Fact]
    public async Task The_charter_page_gives_the_charter_in_its_own_words_then_the_form()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/charter");
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("a vision to connect and support VCS perinatal mental health services across England", html);
        Assert.Contains("The Conversation Space", html);
        Assert.Contains("The Alliance Perinatal Mental Health Forum", html);
        Assert.Contains("Face-to-face events", html);
        Assert.Contains("robust kindness", html);
        Assert.Contains("are committed to supporting and listening to each other", html);
        Assert.Contains(CharterFormRules.Statement, html);
        Assert.Contains("it does not put your service on our map of quality services", html);
        Assert.Contains("<option value=\"YorkshireAndTheHumber\">Yorkshire and the Humber</option>", html);
        Assert.Contains("name=\"Homepage\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"", html);
    }

    [Fact]
    public async Task A_bad_email_and_a_region_that_is_not_one_of_the_nine_answer_400_with_plain_messages_and_store_nothing()
    {
        var fields = CharterAppFactory.Fields("not-an-email").Select(f => f.Item1 == "Input.Region" ? (f.Item1, "Scotland") : f).ToArray();
        var response = await app.CreateBrowserLikeClient().SubmitAsync("/charter", fields);
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is a problem", html);
        Assert.Contains("<a href=\"#Input_Email\">Your email address doesn't look right. Enter it like name@example.org</a>", html);
        Assert.Contains("<a href=\"#Input_Region\">Choose one of the nine regions of England from the list</a>", html);
        Assert.Contains("<title>Error: ", html);

        var numeric = CharterAppFactory.Fields("numeric@region.example").Select(f => f.Item1 == "Input.Region" ? (f.Item1, "3") : f).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateBrowserLikeClient().SubmitAsync("/charter", numeric)).StatusCode);
        var unticked = CharterAppFactory.Fields("unticked@region.example").Where(f => f.Item1 != "Input.Agrees").ToArray();
        var refused = await app.CreateBrowserLikeClient().SubmitAsync("/charter", unticked);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Tick the box to sign up to the Charter", await refused.TextAsync());
        Assert.False(await app.WithDbAsync(db => db.Signatories.AnyAsync(s => s.EmailKey == "not-an-email" || s.EmailKey.EndsWith("region.example"))));
    }

    [Fact]
    public async Task Signing_makes_a_pending_signatory_and_sends_only_the_confirmation_and_signing_again_resends_it_at_most_every_15_minutes()
    {
        const string email = "Opt.In@Acacia.example";
        var first = await app.SignAsync(email, "Acacia Family Support");
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("/charter/check-your-email", first.Headers.Location!.OriginalString);

        var signatory = await app.WithDbAsync(db => db.Signatories.SingleAsync(s => s.EmailKey == "opt.in@acacia.example"));
        Assert.Equal(SignatoryStatus.Pending, signatory.Status);
        Assert.Equal(EnglishRegion.WestMidlands, signatory.Region);
        Assert.Equal(["charter-confirm"], await Purposes(email));

        // Again at once, with new details: the same row, the details updated (still pending), no second email.
        await app.SignAsync(email, "Acacia Family Support CIC", "London");
        var again = await app.WithDbAsync(db => db.Signatories.SingleAsync(s => s.EmailKey == "opt.in@acacia.example"));
        Assert.Equal(signatory.Id, again.Id);
        Assert.Equal(("Acacia Family Support CIC", EnglishRegion.London), (again.OrganisationName, again.Region));
        Assert.Equal(["charter-confirm"], await Purposes(email));

        app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(16));
        await app.SignAsync(email, "Acacia Family Support CIC", "London");
        Assert.Equal(["charter-confirm", "charter-confirm"], await Purposes(email));
        Assert.Equal(1, await app.WithDbAsync(db => db.Signatories.CountAsync(s => s.EmailKey == "opt.in@acacia.example")));
    }

    [Fact]
    public async Task The_page_answers_the_same_for_a_known_and_an_unknown_address()
    {
        await app.SignAndConfirmAsync("known@same.example");
        app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(16));
        var known = await app.SignAsync("known@same.example");
        var unknown = await app.SignAsync("unknown@same.example");
        Assert.Equal((HttpStatusCode.SeeOther, "/charter/check-your-email"), (known.StatusCode, known.Headers.Location!.OriginalString));
        Assert.Equal((HttpStatusCode.SeeOther, "/charter/check-your-email"), (unknown.StatusCode, unknown.Headers.Location!.OriginalString));
        // A confirmed signatory keeps its details and is told so, with its preferences link.
        Assert.Contains("charter-already-signed", await Purposes("known@same.example"));
    }

    [Fact]
    public async Task A_filled_honeypot_is_treated_as_done_and_stores_nothing()
    {
        var fields = CharterAppFactory.Fields("bot@spam.example").Select(f => f.Item1 == "Homepage" ? (f.Item1, "http://spam.example") : f).ToArray();
        var response = await app.CreateBrowserLikeClient().SubmitAsync("/charter", fields);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/charter/check-your-email", response.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Signatories.AnyAsync(s => s.EmailKey == "bot@spam.example")));
        Assert.Empty(await Purposes("bot@spam.example"));
    }

    [Fact]
    public async Task Following_the_link_confirms_sends_the_welcome_and_shows_the_badge_and_following_it_again_shows_the_thank_you_page()
    {
        await app.SignAsync("confirm@smile.example", "Smile Group");
        var token = await app.TokenFromEmailAsync("confirm@smile.example", "charter-confirm");
        var client = app.CreateBrowserLikeClient();

        var page = await client.GetAsync($"/charter/confirm/{token}");
        var html = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Thank you for signing the Charter", html);
        Assert.Contains("src=\"/charter/badge.svg\"", html);
        Assert.Contains("<img src=\"https://localhost/charter/badge.svg\" alt=\"I’ve signed up to the HM Charter: the Hearts and Minds Partnership\"", html);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var signatory = await app.WithDbAsync(db => db.Signatories.SingleAsync(s => s.EmailKey == "confirm@smile.example"));
        Assert.Equal(SignatoryStatus.Confirmed, signatory.Status);
        Assert.NotNull(signatory.ConfirmedAt);
        Assert.Equal(["charter-confirm", "charter-welcome"], await Purposes("confirm@smile.example"));
        Assert.Matches("/charter/preferences/[A-Za-z0-9_-]{43}", await app.WithDbAsync(db =>
            db.OutboxMessages.Where(m => m.Purpose == "charter-welcome" && m.ToAddress == "confirm@smile.example").Select(m => m.TextBody).SingleAsync()));

        var again = await client.GetAsync($"/charter/confirm/{token}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You’ve already confirmed", await again.TextAsync());
        Assert.Equal(["charter-confirm", "charter-welcome"], await Purposes("confirm@smile.example"));
    }

    [Fact]
    public async Task The_same_link_followed_twice_at_once_confirms_once_and_sends_one_welcome()
    {
        await app.SignAsync("twice@race.example");
        var token = await app.TokenFromEmailAsync("twice@race.example", "charter-confirm");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.CreateBrowserLikeClient().GetAsync($"/charter/confirm/{token}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(["charter-confirm", "charter-welcome"], await Purposes("twice@race.example"));
    }

    [Fact]
    public async Task A_made_up_or_expired_link_gets_a_friendly_page_not_a_500()
    {
        var client = app.CreateBrowserLikeClient();
        var madeUp = await client.GetAsync($"/charter/confirm/{new string('A', 43)}");
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
        Assert.Contains("We can’t find this link", await madeUp.TextAsync());
        var nonsense = await client.GetAsync("/charter/confirm/%27%3B--");
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);

        await app.SignAsync("late@expired.example");
        var token = await app.TokenFromEmailAsync("late@expired.example", "charter-confirm");
        app.Clock.Set(app.Clock.GetUtcNow().AddDays(8));
        var expired = await client.GetAsync($"/charter/confirm/{token}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This link has expired", await expired.TextAsync());
        Assert.Equal(SignatoryStatus.Pending, (await app.WithDbAsync(db => db.Signatories.SingleAsync(s => s.EmailKey == "late@expired.example"))).Status);
    }

    [Fact]
    public async Task The_badge_svg_parses_as_xml_and_the_png_decodes_at_the_stated_size_and_the_personal_one_names_the_organisation()
    {
        var client = app.CreateBrowserLikeClient();
        var svg = await client.GetAsync("/charter/badge.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var document = new XmlDocument();
        document.LoadXml(await svg.Content.ReadAsStringAsync());
        Assert.Equal("svg", document.DocumentElement!.LocalName);
        Assert.Contains("I’ve signed up to the HM Charter", document.DocumentElement.InnerText.Replace("HM Charter", " HM Charter"));

        var png = await client.GetAsync("/charter/badge.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal((CharterBadge.PngWidth, CharterBadge.PngHeight), PngSize(await png.Content.ReadAsByteArrayAsync()));
        Assert.Equal((1200, 480), (CharterBadge.PngWidth, CharterBadge.PngHeight));

        var preferences = await app.SignAndConfirmAsync("badge@bluebell.example", "Bluebell Care & Co <Leeds>");
        var own = await client.GetAsync($"/charter/preferences/{preferences}/badge.svg");
        var ownDocument = new XmlDocument();
        ownDocument.LoadXml(await own.Content.ReadAsStringAsync());
        Assert.Contains("Bluebell Care & Co <Leeds>", ownDocument.DocumentElement!.InnerText);
        var ownPng = await client.GetAsync($"/charter/preferences/{preferences}/badge.png");
        Assert.Equal((1200, 480), PngSize(await ownPng.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/charter/preferences/{new string('x', 43)}/badge.svg")).StatusCode);

        var long_ = CharterBadge.Svg(new string('W', 300));
        Assert.Contains("…", long_);
    }

    [Fact]
    public async Task The_cleanup_job_removes_pending_signatures_older_than_30_days_and_nothing_else()
    {
        var start = app.Clock.GetUtcNow();
        await app.SignAsync("old-pending@cleanup.example");
        await app.SignAndConfirmAsync("old-confirmed@cleanup.example");
        app.Clock.Set(start.AddDays(2));
        await app.SignAsync("young-pending@cleanup.example");
        app.Clock.Set(start.AddDays(31));

        using var scope = app.Services.CreateScope();
        var removed = await scope.ServiceProvider.GetRequiredService<RemoveUnconfirmedSignaturesJob>().RunAsync(CancellationToken.None);

        var left = await app.WithDbAsync(db => db.Signatories.Where(s => s.EmailKey.EndsWith("@cleanup.example")).Select(s => s.EmailKey).OrderBy(e => e).ToListAsync());
        Assert.Equal(["old-confirmed@cleanup.example", "young-pending@cleanup.example"], left);
        Assert.True(removed >= 1);
        Assert.False(await app.WithDbAsync(db => db.SignatoryLinks.AnyAsync(l => l.Signatory.EmailKey == "old-pending@cleanup.example")));
    }

    private Task<List<string>> Purposes(string email) =>
        app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email).OrderBy(m => m.Id).Select(m => m.Purpose).ToListAsync());

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    internal static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
