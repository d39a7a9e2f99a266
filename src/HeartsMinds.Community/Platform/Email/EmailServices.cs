using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Platform.Email;

/// <summary>
/// Email leaves the app only through the outbox: a feature adds an <see cref="OutboxMessage"/> to CommunityDb in the
/// same transaction as its change, then may call <see cref="OutboxSignal.Wake"/>; the <see cref="OutboxDispatcher"/>
/// sends it through the <see cref="SmtpMailTransport"/> (MailKit) over the <see cref="SmtpConnectionPool"/>.
/// </summary>
public static class EmailServices
{
    public static IServiceCollection AddCommunityEmail(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(MailOptionsValidation.HasValidFrom, "Mail:From must be an email address with an optional name, such as \"Hearts & Minds Partnership <community@example.org>\".")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Mail:Smtp:Port must be between 1 and 65535.")
            .Validate(o => o.Smtp.Timeout > TimeSpan.Zero, "Mail:Smtp:Timeout must be positive.")
            .Validate(o => o.Smtp.Connections is >= 1 and <= 100, "Mail:Smtp:Connections must be between 1 and 100.")
            .Validate(o => o.Smtp.Security is null || Enum.IsDefined(o.Smtp.Security.Value), "Mail:Smtp:Security must be StartTls, SslOnConnect or None.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.BatchSize > 0 && o.MaxAttempts > 0, "Mail:Outbox:BatchSize and Mail:Outbox:MaxAttempts must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay,
                "Mail:Outbox:PollInterval and Mail:Outbox:RetryBaseDelay must be positive, and Mail:Outbox:RetryMaxDelay at least RetryBaseDelay.")
            .Validate<IOptions<MailOptions>>((o, mail) => o.LeaseLength >= mail.Value.Smtp.Timeout + OutboxDispatcher.LeaseSafetyMargin,
                $"Mail:Outbox:LeaseLength must be at least Mail:Smtp:Timeout plus {OutboxDispatcher.LeaseSafetyMargin.TotalSeconds:0} seconds, or nothing could ever be sent.")
            .ValidateOnStart();

        services.AddSingleton(sp => MailDelivery.Decide(sp.GetRequiredService<IOptions<MailOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<SmtpConnectionPool>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<OutboxSignal>();
        // One instance, both hosted and resolvable, so tests can drive the same dispatcher a batch at a time.
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
