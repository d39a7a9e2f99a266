namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// The web root is the repository's top-level wwwroot/. Published output and the Docker image carry it as
/// ./wwwroot beside the app; when run from source (dotnet run, tests) it is found by walking up to the solution.
/// </summary>
public static class WebRoot
{
    public static string Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            if (Directory.Exists(Path.Combine(start, "wwwroot")) && !start.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                return Path.Combine(start, "wwwroot");
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "HeartsMinds.Community.sln")))
                    return Path.Combine(dir.FullName, "wwwroot");
        }
        return Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }
}
