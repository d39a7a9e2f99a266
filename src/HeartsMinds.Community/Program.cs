using HeartsMinds.Community.Features.Calendar;
using HeartsMinds.Community.Features.Charter;
using HeartsMinds.Community.Features.Charter.Manage;
using HeartsMinds.Community.Features.DevMailbox;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Features.LiveBoard;
using HeartsMinds.Community.Features.Newsletters;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Features.Reminders;
using HeartsMinds.Community.Features.Staff;
using HeartsMinds.Community.Platform.Data;
using HeartsMinds.Community.Platform.Email;
using HeartsMinds.Community.Platform.Health;
using HeartsMinds.Community.Platform.Realtime;
using HeartsMinds.Community.Platform.Scheduling;
using HeartsMinds.Community.Platform.Security;
using HeartsMinds.Community.Platform.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebRoot.Locate(),
});

builder.Services.AddSiteOptions();
builder.Services.AddCommunityData();
builder.Services.AddStaffAccounts(builder.Environment);
builder.Services.AddCommunityEmail(builder.Environment);
builder.Services.AddDevelopmentMailbox();
builder.Services.AddCommunityScheduling();
builder.Services.AddEvents();
builder.Services.AddRegistrations();
builder.Services.AddCommunityCalendar();
builder.Services.AddReminders();
builder.Services.AddCharter();
builder.Services.AddCharterManage();
builder.Services.AddLiveBoard();
builder.Services.AddNewsletters();
builder.Services.AddCommunityHealthChecks();
builder.Services.AddCommunityRealtime(builder.Configuration);
builder.Services.AddCommunitySecurity();
builder.Services.AddCommunityPages();
builder.Services.AddPublicPageCache(builder.Configuration);

var app = builder.Build();

// `dotnet run -- --print-ef-schema` prints the DDL the EF model expects: the draft for a new migration script.
if (app.PrintEfSchemaIfAsked(args)) return;

app.UseCommunityErrorPages();
app.UseCommunitySecurity();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
// After sign-in is known (a signed-in request is never answered from, nor stored in, the cache); only the public pages opt in.
app.UseOutputCache();

app.MapCommunityHealthChecks();
app.MapDevelopmentMailbox();
app.MapCommunityCalendar();
app.MapRegistrations();
app.MapCharter();
app.MapLiveBoard();
app.MapBenchBroadcastHub();
app.MapRazorPages().RequireStaffUnderManage();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
