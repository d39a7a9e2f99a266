namespace HeartsMinds.Community.Features.Newsletters;

public static class NewsletterContentServices
{
    /// <summary>The newsletter's building blocks (<see cref="NewsletterBlocks"/>); called from the feature's own services.</summary>
    public static IServiceCollection AddNewsletterContent(this IServiceCollection services)
    {
        services.AddScoped<NewsletterBlocks>();
        return services;
    }
}
