namespace HeartsMinds.Community.Platform.Web;

/// <summary>Site: facts about this deployment of the site.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The public address of the site, used to build links in emails. No trailing slash.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The name people see in the header, emails and page titles.</summary>
    public string Name { get; set; } = "Hearts & Minds Community";

    /// <summary>Where people can write to the Partnership (shown on the privacy notice and in emails).</summary>
    public string ContactEmail { get; set; } = "hello@heartsandminds.example";

    /// <summary>The full address of a path on this site, for emails and calendars: Url("/events/2").</summary>
    public string Url(string path) => BaseUrl.TrimEnd('/') + path;
}
