namespace HeartsMinds.Community.Features.Newsletters;

public static class NewsletterLinks
{
    public const string ArchiveListPath = "/newsletters";
    public static string ArchivePath(long id) => $"/newsletters/{id}";
    public static string ManagePath(long id) => $"/manage/newsletters/{id}";
}
