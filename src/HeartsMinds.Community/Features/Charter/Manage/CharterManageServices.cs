using HeartsMinds.Community.Features.Charter.Invitations;
using HeartsMinds.Community.Features.Events;
using HeartsMinds.Community.Platform.Scheduling;

namespace HeartsMinds.Community.Features.Charter.Manage;

public static class CharterManageServices
{
    /// <summary>The staff side of the Charter: its pages need nothing registered; the event invitations job does.</summary>
    public static IServiceCollection AddCharterManage(this IServiceCollection services)
    {
        services.AddScoped<CharterInvitationSender>();
        services.AddScoped<IEventInvitations, CharterEventInvitations>();
        // Every minute: an event published (or a session opened) reaches signatories' inboxes within about a minute.
        services.AddRecurringJob<SendCharterInvitationsJob>(SendCharterInvitationsJob.Key, "0 * * * * ?");
        return services;
    }
}
