using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace HeartsMinds.Community.Tests.Calendar;

/// <summary>
/// Runs parsers nobody here wrote (libical, vobject, ical.js) on a calendar written to a temp file. A missing
/// parser fails the test with a message saying what to install: ./test.sh installs them, so absence is a fault.
/// </summary>
public static class ExternalParsers
{
    private const string Python = "/usr/bin/python3"; // the system Python, where the distribution packages live
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The scripts' source folder (Calendar/Parsers), which also holds ical.js's node_modules.</summary>
    public static string ScriptFolder { get; } = FindScriptFolder();

    public static JsonElement Libical(string calendarText) =>
        Run(Python, ["check_libical.py"], calendarText, "libical (apt: python3-gi gir1.2-ical-3.0)");

    public static JsonElement Vobject(string calendarText) =>
        Run(Python, ["check_vobject.py"], calendarText, "vobject (apt: python3-vobject)");

    public static JsonElement IcalJs(string calendarText, int limit = 50)
    {
        if (!File.Exists(Path.Combine(ScriptFolder, "node_modules", "ical.js", "package.json")))
            Assert.Fail($"ical.js is not installed: run 'npm ci' in {ScriptFolder} (./test.sh does).");
        return Run("node", ["expand_icaljs.mjs", "{file}", limit.ToString()], calendarText, "ical.js (node + npm ci)");
    }

    private static JsonElement Run(string program, string[] args, string calendarText, string what)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hm-ical-{Guid.NewGuid():N}.ics");
        // Written as bytes so the CRLFs and UTF-8 reach the parser exactly as we produced them.
        File.WriteAllBytes(file, new UTF8Encoding(false).GetBytes(calendarText));
        try
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = ScriptFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var arg in args) start.ArgumentList.Add(arg == "{file}" ? file : arg);
            if (!args.Contains("{file}")) start.ArgumentList.Add(file);
            start.Environment["PYTHONIOENCODING"] = "utf-8";

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("no process");
            }
            catch (Win32Exception e)
            {
                Assert.Fail($"{what}: cannot start '{program}' ({e.Message}). Install it (./test.sh does).");
                throw;
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(Timeout))
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"{what}: no answer within {Timeout.TotalSeconds}s.");
                }
                process.WaitForExit();
                var output = stdout.Result;
                var errors = stderr.Result;
                if (errors.Contains("ModuleNotFoundError") || errors.Contains("Namespace ICalGLib not available")
                    || errors.Contains("ERR_MODULE_NOT_FOUND"))
                    Assert.Fail($"{what} is missing; install it (./test.sh does).\n{errors}");
                if (process.ExitCode != 0)
                    Assert.Fail($"{what} rejected the calendar (exit {process.ExitCode}).\n{output}\n{errors}\n--- calendar ---\n{calendarText}");
                return JsonDocument.Parse(output).RootElement.Clone();
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The events a parser read back, keyed by UID (plus RECURRENCE-ID when present).</summary>
    public static Dictionary<string, JsonElement> EventsByUid(JsonElement result) =>
        result.GetProperty("events").EnumerateArray().ToDictionary(
            e => e.GetProperty("uid").GetString()!
                 + (e.TryGetProperty("recurrenceId", out var rid) && rid.ValueKind == JsonValueKind.String ? "@" + rid.GetString() : ""));

    /// <summary>Found from the test project's bin/ upwards: the scripts run where they are, not from a copy.</summary>
    private static string FindScriptFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // From this project's output, or from a sibling test project's (the browser tests link this file).
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "Calendar", "Parsers"),
                         Path.Combine(dir.FullName, "HeartsMinds.Community.Tests", "Calendar", "Parsers") })
                if (File.Exists(Path.Combine(candidate, "expand_icaljs.mjs"))) return candidate;
        }
        throw new InvalidOperationException("Cannot find the calendar parser scripts (Calendar/Parsers/expand_icaljs.mjs).");
    }
}
