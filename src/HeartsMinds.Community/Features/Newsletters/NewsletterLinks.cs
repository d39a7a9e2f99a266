namespace HeartsMinds.Community.Features.Newsletters;

public static class NewsletterLinks
{
    public const string ArchiveListPath = "/newsletters";
    public static string ArchivePath(long id) => $"/newsletters/{id}";
    public const string ManageListPath = "/manage/newsletters";
    public static string ManagePath(long id) => $"/manage/newsletters/{id}";
    public static string PreviewPath(long id, DateTimeOffset version) => $"/manage/newsletters/{id}/preview?v={version.UtcTicks}";
    public static string PreviewTextPath(long id) => $"/manage/newsletters/{id}/preview.txt";
    public static string DeliveriesPath(long id) => $"/manage/newsletters/{id}/deliveries";
}
