using System.Net;
using System.Text.RegularExpressions;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeartsMinds.Community.Tests.Registrations;

/// <summary>The register form over real HTTP, antiforgery included, as a browser with JavaScript off would use it.</summary>
public sealed class PublicRegisterFormTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Registering_two_people_answers_303_to_a_confirmation_that_says_who_has_a_place_and_who_is_waiting()
    {
        var ev = await app.CreateAsync(capacity: 1);
        var key = Guid.NewGuid();
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(key, "Bluebell Care", ("Asha Patel", "asha@bluebell.example"), ("Ben Jones", "ben@bluebell.example")));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/events/{ev.Id}/registered?key={key}", response.Headers.Location!.OriginalString);
        var confirmation = await client.GetAsync(response.Headers.Location);
        var html = await confirmation.TextAsync();
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("<strong>Asha Patel</strong> (asha@bluebell.example) <span class=\"tag tag--open\">Has a place</span>", html);
        Assert.Contains("<strong>Ben Jones</strong> (ben@bluebell.example) <span class=\"tag tag--full\">On the waitlist: number 1</span>", html);
        Assert.Contains("<h1>1 of 2 people has a place</h1>", html);
        Assert.DoesNotContain("notice--success", html);
        Assert.Contains("contact@bluebellcare.example", html);
        Assert.Equal("no-referrer", confirmation.Headers.GetValues("Referrer-Policy").Single());

        var registration = await app.WithDbAsync(db => db.Registrations.Include(r => r.Attendees).SingleAsync(r => r.EventId == ev.Id));
        Assert.Equal(key, registration.SubmissionKey);
        Assert.Equal("Bluebell Care", registration.OrganisationName);
        Assert.Equal([("asha@bluebell.example", AttendeeStatus.Confirmed), ("ben@bluebell.example", AttendeeStatus.Waitlisted)],
            registration.Attendees.OrderBy(a => a.QueuePosition).Select(a => (a.Email, a.Status)));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "contact@bluebellcare.example" && m.Purpose == "registration-confirmation")));
    }

    [Fact]
    public async Task When_nobody_gets_a_place_the_confirmation_says_so_and_gives_each_person_their_place_in_the_queue()
    {
        var ev = await app.CreateAsync(capacity: 1);
        var client = app.CreateBrowserLikeClient();
        await client.SubmitAsync($"/events/{ev.Id}/register", PublicForm.Fields(Guid.NewGuid(), "First Org", ("Has Place", "has@first.example"), ("Waits First", "waits@first.example")));
        var key = Guid.NewGuid();

        var response = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(key, "Second Org", ("Cara Second", "cara@second.example"), ("Dev Third", "dev@second.example")));
        var html = await (await client.GetAsync(response.Headers.Location)).TextAsync();

        Assert.Contains("<h1>Both people are on the waitlist</h1>", html);
        Assert.Contains("nobody from this form has a place yet", html);
        Assert.DoesNotContain("Thank you", html);
        Assert.DoesNotContain("notice--success", html);
        Assert.DoesNotContain("Has a place", html);
        Assert.Contains("<strong>Cara Second</strong> (cara@second.example) <span class=\"tag tag--full\">On the waitlist: number 2</span>", html);
        Assert.Contains("<strong>Dev Third</strong> (dev@second.example) <span class=\"tag tag--full\">On the waitlist: number 3</span>", html);
    }

    [Fact]
    public async Task When_everyone_gets_a_place_the_confirmation_thanks_them_in_green()
    {
        var ev = await app.CreateAsync(capacity: 5);
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Green Org", ("Eve Green", "eve@green.example"), ("Fin Green", "fin@green.example")));
        var html = await (await client.GetAsync(response.Headers.Location)).TextAsync();

        Assert.Contains("<div class=\"notice notice--success confirmation\">", html);
        Assert.Contains("<h1>Thank you: both people have a place</h1>", html);
        Assert.DoesNotContain("waitlist:", html);
    }

    [Fact]
    public async Task The_first_submit_button_of_the_form_sends_it_so_that_enter_registers_rather_than_adding_a_person()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();

        var html = await (await client.GetAsync($"/events/{ev.Id}/register")).Content.ReadAsStringAsync();

        // Browsers press a form's first submit button on Enter: it must be the plain one, without a formaction.
        var form = html[html.IndexOf("<form", StringComparison.Ordinal)..];
        var first = Regex.Match(form, "<button[^>]*type=\"submit\"[^>]*>[^<]*</button>").Value;
        Assert.Equal("<button type=\"submit\" class=\"visually-hidden\" tabindex=\"-1\" aria-hidden=\"true\">Register</button>", first);
    }

    [Fact]
    public async Task The_form_has_the_fields_of_its_contract_and_asks_about_diets_only_when_the_event_does()
    {
        var withFood = await app.CreateAsync(change: e => e.AsksDietaryNeeds = true);
        var online = await app.CreateAsync(kind: EventKind.ConversationSpace);
        var client = app.CreateBrowserLikeClient();

        var html = await (await client.GetAsync($"/events/{withFood.Id}/register")).Content.ReadAsStringAsync();
        var onlineHtml = await (await client.GetAsync($"/events/{online.Id}/register")).Content.ReadAsStringAsync();

        Assert.Matches(new Regex(@"name=""SubmissionKey"" value=""[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"""), html);
        foreach (var name in new[] { "Input.OrganisationName", "Input.ContactName", "Input.ContactEmail", "Input.Attendees[0].Name",
                     "Input.Attendees[0].Email", "Input.Attendees[0].Role", "Input.Attendees[0].AccessNeeds", "Input.Attendees[0].DietaryNeeds", "Input.Consent" })
            Assert.Contains($"name=\"{name}\"", html);
        Assert.Contains("href=\"/privacy\"", html);
        Assert.Contains($"action=\"/events/{withFood.Id}/register\"", html);
        Assert.DoesNotContain("DietaryNeeds", onlineHtml);
        Assert.NotEqual(PublicForm.SubmissionKeyOf(html), PublicForm.SubmissionKeyOf(onlineHtml));
    }

    [Fact]
    public async Task Without_javascript_people_can_be_added_and_removed_and_what_was_typed_is_kept()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();
        var key = Guid.NewGuid();
        var typed = PublicForm.Fields(key, "Rows Org", ("First Person", "first@rows.example"));

        var added = await client.SubmitAsync($"/events/{ev.Id}/register", typed, $"/events/{ev.Id}/register?handler=AddAttendee");
        var addedHtml = await added.TextAsync();

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("name=\"Input.Attendees[1].Name\"", addedHtml);
        Assert.Contains("value=\"First Person\"", addedHtml);
        Assert.Contains("value=\"Rows Org\"", addedHtml);
        Assert.Equal(key.ToString(), PublicForm.SubmissionKeyOf(addedHtml));
        Assert.Matches(new Regex(@"id=""Input_Attendees_1__Name""[^>]*autofocus"), addedHtml);
        Assert.DoesNotContain("There is a problem", addedHtml);

        var twoPeople = PublicForm.Fields(key, "Rows Org", ("First Person", "first@rows.example"), ("Second Person", "second@rows.example"));
        var removed = await client.SubmitAsync($"/events/{ev.Id}/register", twoPeople, $"/events/{ev.Id}/register?handler=RemoveAttendee&remove=0");
        var removedHtml = await removed.TextAsync();

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("value=\"Second Person\"", removedHtml);
        Assert.DoesNotContain("First Person", removedHtml);
        Assert.DoesNotContain("name=\"Input.Attendees[1].Name\"", removedHtml);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task With_htmx_adding_a_person_returns_only_the_rows()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();
        var page = await (await client.GetAsync($"/events/{ev.Id}/register")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(page, @"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""").Groups[1].Value);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/events/{ev.Id}/register?handler=AddAttendee")
        {
            Content = new FormUrlEncodedContent(PublicForm.Fields(Guid.NewGuid(), "Htmx Org", ("Typed Name", "typed@htmx.example"))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<div id=\"attendee-rows\"", html.Trim());
        Assert.DoesNotContain("<html", html);
        Assert.Contains("value=\"Typed Name\"", html);
        Assert.Contains("name=\"Input.Attendees[1].Email\"", html);
    }

    [Fact]
    public async Task An_empty_form_is_refused_with_a_message_for_each_question_and_nothing_is_written()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync($"/events/{ev.Id}/register", ("SubmissionKey", Guid.NewGuid().ToString()));
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Error: ", html);
        Assert.Contains("There is a problem", html);
        foreach (var message in new[] { "Enter the name of your organisation", "Enter your name", "Enter your email address",
                     "Enter the name of the person coming", "Enter the email address of the person coming", "Tick the box" })
            Assert.Contains(message, html);
        Assert.Contains("href=\"#Input_OrganisationName\"", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Theory]
    [InlineData("Input.OrganisationName", "The name of your organisation can be at most 200 characters")]
    [InlineData("Input.ContactName", "Your name can be at most 200 characters")]
    [InlineData("Input.ContactEmail", "Your email address can be at most 254 characters")]
    [InlineData("Input.Attendees[0].Name", "The name of the person coming can be at most 200 characters")]
    [InlineData("Input.Attendees[0].Email", "The email address of the person coming can be at most 254 characters")]
    [InlineData("Input.Attendees[0].Role", "The role of the person coming can be at most 200 characters")]
    [InlineData("Input.Attendees[0].AccessNeeds", "The access needs of the person coming can be at most 2,000 characters")]
    [InlineData("Input.Attendees[0].DietaryNeeds", "The dietary needs of the person coming can be at most 2,000 characters")]
    public async Task Ten_thousand_characters_in_a_field_are_refused_next_to_that_field(string field, string message)
    {
        var ev = await app.CreateAsync(change: e => e.AsksDietaryNeeds = true);
        var fields = PublicForm.Fields(Guid.NewGuid(), "Long Org", ("Long Person", $"long{Guid.NewGuid():N}@long.example"))
            .Where(f => f.Key != field).Append(new(field, new string('x', 10_000))).ToList();

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fieldId = field.Replace('.', '_').Replace('[', '_').Replace(']', '_');
        Assert.Matches(new Regex($@"id=""{Regex.Escape(fieldId)}-error""><span class=""visually-hidden"">Error:</span> {Regex.Escape(message)}"), html);
        Assert.Contains($"href=\"#{fieldId}\">{message}", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Theory]
    [InlineData("no-at-sign.example")]
    [InlineData("two@@at.example")]
    [InlineData("name@localhost")]
    [InlineData("name with space@example.org")]
    [InlineData("<script>@example.org")]
    public async Task A_malformed_email_address_is_refused(string email)
    {
        var ev = await app.CreateAsync();

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Email Org", ("Some One", email)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The email address of the person coming doesn't look right. Enter it like name@example.org", await response.TextAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task The_same_email_twice_in_one_form_is_an_error_on_the_second_one()
    {
        var ev = await app.CreateAsync();

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Twice Org", ("Pat One", "pat@twice.example"), ("Pat Two", " PAT@Twice.example ")));
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches(new Regex(@"id=""Input_Attendees_1__Email-error""><span class=""visually-hidden"">Error:</span> The email address of person 2 is the same as person 1's"), html);
        Assert.DoesNotContain("Input_Attendees_0__Email-error", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task Twenty_one_people_in_one_form_are_refused_and_twenty_are_fine()
    {
        var ev = await app.CreateAsync(capacity: 50);
        var people = Enumerable.Range(1, 21).Select(i => ($"Person {i}", $"p{i}@crowd.example")).ToArray();
        var client = app.CreateBrowserLikeClient();

        var tooMany = await client.SubmitAsync($"/events/{ev.Id}/register", PublicForm.Fields(Guid.NewGuid(), "Crowd", people));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("You can register up to 20 people at a time, and this form has 21. Remove 1", await tooMany.TextAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));

        var twenty = await client.SubmitAsync($"/events/{ev.Id}/register", PublicForm.Fields(Guid.NewGuid(), "Crowd", people[..20]));
        Assert.Equal(HttpStatusCode.SeeOther, twenty.StatusCode);
        Assert.Equal(20, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
    }

    [Fact]
    public async Task Without_the_consent_box_nothing_is_registered()
    {
        var ev = await app.CreateAsync();
        var fields = PublicForm.Fields(Guid.NewGuid(), "No Consent", ("Nora", "nora@consent.example")).Where(f => f.Key != "Input.Consent");

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("href=\"#Input_Consent\">Tick the box", await response.TextAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task Hostile_text_is_shown_as_text_and_invisible_control_characters_are_refused_not_a_server_error()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();

        var scripted = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "<script>alert('org')</script>", ("<script>alert(1)</script>", "bad email")));
        var scriptedHtml = await scripted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, scripted.StatusCode);
        Assert.DoesNotContain("<script>alert", scriptedHtml);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", scriptedHtml);

        // A NUL can't be stored in PostgreSQL text; ASP.NET refuses the whole form before it reaches the page.
        var nul = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Nul\0Org", ("Nul Name", "nul@control.example")));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));

        var control = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Bell\u0007Org", ("Tab\tName", "control@control.example")));
        var controlText = await control.TextAsync();
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Contains("The name of your organisation should be on one line, without tabs or invisible control characters", controlText);
        Assert.Contains("The name of the person coming should be on one line", controlText);

        var key = Guid.NewGuid();
        var saved = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(key, "<b>Bold</b> & Co", ("<script>alert(2)</script>", "script@hostile.example")));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var confirmation = await (await client.GetAsync(saved.Headers.Location)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(2)", confirmation);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", confirmation);
        Assert.Equal("<script>alert(2)</script>", await app.WithDbAsync(db => db.Attendees.Where(a => a.EmailKey == "script@hostile.example").Select(a => a.Name).SingleAsync()));
    }

    [Fact]
    public async Task Sending_the_same_form_again_or_several_times_at_once_makes_one_registration()
    {
        var ev = await app.CreateAsync();
        var key = Guid.NewGuid();
        var fields = PublicForm.Fields(key, "Double Clickers", ("Dee Double", "dee@double.example"));

        var first = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);
        var again = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields)));

        Assert.All(atOnce.Append(first).Append(again), r =>
        {
            Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
            Assert.Equal($"/events/{ev.Id}/registered?key={key}", r.Headers.Location!.OriginalString);
        });
        Assert.Equal(1, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "dee@double.example")));
    }

    [Fact]
    public async Task The_same_form_sent_again_after_its_confirmation_has_closed_says_it_was_already_sent()
    {
        var ev = await app.CreateAsync();
        var key = Guid.NewGuid();
        var fields = PublicForm.Fields(key, "Restored Tab", ("Rory Restored", "rory@restored.example"));
        await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);
        await app.WithDbAsync(db => db.Registrations.Where(r => r.SubmissionKey == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddHours(-3))));

        var again = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("You already sent this form on", await again.TextAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task A_form_without_its_submission_key_is_refused_and_given_a_new_one()
    {
        var ev = await app.CreateAsync();
        var fields = PublicForm.Fields(Guid.NewGuid(), "Keyless", ("Kay Less", "kay@keyless.example")).Where(f => f.Key != "SubmissionKey");

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register", fields);
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Something was missing from the form", html);
        Assert.True(Guid.TryParse(PublicForm.SubmissionKeyOf(html), out var fresh) && fresh != Guid.Empty);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task A_form_sent_without_its_antiforgery_token_is_refused()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();

        var response = await client.PostAsync($"/events/{ev.Id}/register",
            new FormUrlEncodedContent(PublicForm.Fields(Guid.NewGuid(), "Forged", ("Fred Forged", "fred@forged.example"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Theory]
    [InlineData("cancelled", "This event has been cancelled.")]
    [InlineData("closed", "Registration for this event has closed.")]
    [InlineData("past", "This event has already taken place.")]
    [InlineData("full-no-waitlist", "This event is full, and it has no waitlist.")]
    public async Task Registration_for_an_event_that_is_not_open_answers_409_with_the_reason_and_writes_nothing(string situation, string reason)
    {
        var ev = await app.CreateAsync(capacity: situation == "full-no-waitlist" ? 0 : 10, waitlist: situation != "full-no-waitlist", change: e =>
        {
            if (situation == "cancelled") e.Status = EventStatus.Cancelled;
            if (situation == "closed") e.RegistrationClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            if (situation == "past") { e.StartsAt = DateTimeOffset.UtcNow.AddDays(-3); e.EndsAt = e.StartsAt.AddHours(2); }
        });
        var open = await app.CreateAsync(); // a page with a form, for the antiforgery token: a closed event's page has none
        var client = app.CreateBrowserLikeClient();

        var page = await client.GetAsync($"/events/{ev.Id}/register");
        var response = await client.SubmitAsync($"/events/{open.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Late Org", ($"Late {situation}", $"{situation}@late.example")), $"/events/{ev.Id}/register");

        Assert.Contains(reason, await page.TextAsync());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(reason, await response.TextAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task More_people_than_places_at_an_event_without_a_waitlist_answers_409_and_keeps_the_form()
    {
        var ev = await app.CreateAsync(capacity: 1, waitlist: false);

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Too Many", ("One Person", "one@toomany.example"), ("Two Person", "two@toomany.example")));
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("there is only 1 place left and this event has no waitlist", html);
        Assert.Contains("value=\"Two Person\"", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == ev.Id)));
    }

    [Fact]
    public async Task Registering_someone_already_registered_answers_409_names_them_and_resends_the_manage_link_to_whoever_registered_them()
    {
        var ev = await app.CreateAsync();
        await app.RegisterAsync(TestEvents.Request(ev.Id, "First Comers", "already@there.example"));

        var response = await app.CreateBrowserLikeClient().SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Second Comers", ("New Person", "new@second.example"), ("Already There", "Already@There.example")));
        var html = await response.TextAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Already There (Already@There.example) is already registered for this event.", html);
        Assert.Contains("We've emailed the link to see or change that registration to the person who made it.", html);
        // Only the fact: nothing about the other registration, its contact or the person's place.
        Assert.DoesNotContain("First Comers", html);
        Assert.DoesNotContain("firstcomers.example", html);
        Assert.DoesNotContain("has a place", html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == ev.Id)));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Purpose == "manage-link-resent" && m.ToAddress == "contact@firstcomers.example")));
    }

    [Fact]
    public async Task Posting_to_an_unknown_event_is_not_found()
    {
        var ev = await app.CreateAsync();
        var client = app.CreateBrowserLikeClient();

        var response = await client.SubmitAsync($"/events/{ev.Id}/register",
            PublicForm.Fields(Guid.NewGuid(), "Nowhere", ("No One", "no.one@nowhere.example")), "/events/999999999/register");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_confirmation_opens_only_with_the_right_key_and_only_for_an_hour()
    {
        var ev = await app.CreateAsync();
        var key = Guid.NewGuid();
        var client = app.CreateBrowserLikeClient();
        await client.SubmitAsync($"/events/{ev.Id}/register", PublicForm.Fields(key, "Timely", ("Tim Ely", "tim@timely.example")));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/events/{ev.Id}/registered?key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{ev.Id}/registered?key={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{ev.Id}/registered?key=not-a-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{ev.Id}/registered")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{ev.Id + 1000}/registered?key={key}")).StatusCode);

        await app.WithDbAsync(db => db.Registrations.Where(r => r.SubmissionKey == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-61))));
        var expired = await client.GetAsync($"/events/{ev.Id}/registered?key={key}");
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.DoesNotContain("tim@timely.example", await expired.TextAsync());
    }
}

/// <summary>Filling in the public registration forms in tests.</summary>
internal static partial class PublicForm
{
    public static List<KeyValuePair<string, string>> Fields(Guid key, string organisation, params (string Name, string Email)[] people)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("SubmissionKey", key.ToString()),
            new("Input.OrganisationName", organisation),
            new("Input.ContactName", "Contact at " + organisation),
            new("Input.ContactEmail", $"contact@{new string(organisation.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}.example"),
            new("Input.Consent", "true"),
        };
        for (var i = 0; i < people.Length; i++)
        {
            fields.Add(new($"Input.Attendees[{i}].Name", people[i].Name));
            fields.Add(new($"Input.Attendees[{i}].Email", people[i].Email));
            fields.Add(new($"Input.Attendees[{i}].Role", "Peer supporter"));
            fields.Add(new($"Input.Attendees[{i}].AccessNeeds", ""));
            fields.Add(new($"Input.Attendees[{i}].DietaryNeeds", ""));
        }
        return fields;
    }

    public static string SubmissionKeyOf(string html) => SubmissionKey().Match(html).Groups[1].Value;

    /// <summary>The private manage link's token, from the contact's confirmation email in the outbox.</summary>
    public static async Task<string> ManageTokenAsync(CommunityAppFactory app, string contactEmail, string purpose = "registration-confirmation")
    {
        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == contactEmail && m.Purpose == purpose)
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        return ManageLink().Match(body).Groups[1].Value;
    }

    [GeneratedRegex(@"name=""SubmissionKey"" value=""([^""]*)""")]
    private static partial Regex SubmissionKey();

    [GeneratedRegex(@"/registrations/([A-Za-z0-9_-]{43})")]
    private static partial Regex ManageLink();
}
