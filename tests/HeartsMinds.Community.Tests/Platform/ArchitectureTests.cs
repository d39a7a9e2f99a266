using System.Reflection;
using HeartsMinds.Community.Features.Registrations;
using HeartsMinds.Community.Platform.Data;
using Microsoft.AspNetCore.Razor.Hosting;

namespace HeartsMinds.Community.Tests.Platform;

/// <summary>
/// DESIGN.md §2: dependencies point one way. Platform uses no feature (CommunityDb, which lists the features'
/// entities, is the one exception), and no two feature folders use each other, directly or round a longer circle.
/// Razor views count for the feature whose folder holds them.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "HeartsMinds.Community.";
    private const string Platform = "Platform";

    private static readonly Assembly App = typeof(CommunityDb).Assembly;

    /// <summary>View types (namespace AspNetCoreGeneratedDocument) by the path of the .cshtml they were compiled from.</summary>
    private static readonly Dictionary<Type, string> ViewPaths = App.GetCustomAttributes<RazorCompiledItemAttribute>()
        .ToDictionary(item => item.Type, item => item.Identifier);

    private static readonly IReadOnlyList<Reference> References = FindReferences();

    [Fact]
    public void The_dependency_reader_sees_signatures_method_bodies_and_views()
    {
        var pairs = References.Select(r => (r.FromArea, r.ToArea)).ToHashSet();

        Assert.Contains(("Registrations", "Events"), pairs);
        Assert.Contains(References, r => r.From.Namespace == "AspNetCoreGeneratedDocument" && r.FromArea == "Events");
        // The job's signatures name no Events type; only its async state machine's IL does (db.ConversationSpaceSeries).
        Assert.Contains(References, r => r.From == typeof(FillSeriesHorizonJob) && r.ToArea == "Events");
    }

    [Fact]
    public void Platform_uses_no_feature()
    {
        var offending = References
            .Where(r => r.FromArea == Platform && r.ToArea != Platform && r.From != typeof(CommunityDb))
            .ToList();

        Assert.True(offending.Count == 0, "Platform must not use a feature:\n" + Describe(offending));
    }

    [Fact]
    public void No_two_features_use_each_other_directly_or_round_a_circle()
    {
        var features = References.Where(r => r.FromArea != Platform && r.ToArea != Platform).ToList();
        var uses = features.GroupBy(r => r.FromArea).ToDictionary(g => g.Key, g => g.Select(r => r.ToArea).ToHashSet());

        var offending = new List<Reference>();
        foreach (var circle in Circles(uses))
            offending.AddRange(features.Where(r => circle.Contains(r.FromArea) && circle.Contains(r.ToArea)));

        Assert.True(offending.Count == 0,
            "Feature folders must use each other one way only; these references close a circle:\n" + Describe(offending));
    }

    private sealed record Reference(Type From, string FromArea, Type To, string ToArea);

    private static List<Reference> FindReferences()
    {
        var references = new HashSet<Reference>();
        foreach (var type in App.GetTypes())
        {
            var owner = TypeDependencies.Outermost(type);
            if (Area(owner) is not { } fromArea) continue;
            foreach (var used in TypeDependencies.Of(type))
            {
                var target = TypeDependencies.Outermost(used);
                if (target.Assembly == App && target != owner && Area(target) is { } toArea && toArea != fromArea)
                    references.Add(new Reference(owner, fromArea, target, toArea));
            }
        }
        return references.ToList();
    }

    /// <summary>"Platform", a feature folder's name, or null for the composition root (Program) and compiler helpers.</summary>
    private static string? Area(Type type)
    {
        if (ViewPaths.TryGetValue(type, out var path))
        {
            // "/Features/Events/Manage/Edit.cshtml" is Events; "/Features/_ViewStart.cshtml" belongs to no feature.
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts is ["Features", var feature, _, ..] ? feature : null;
        }
        var ns = type.Namespace ?? "";
        if (ns == Root + Platform || ns.StartsWith(Root + Platform + ".", StringComparison.Ordinal)) return Platform;
        if (ns.StartsWith(Root + "Features.", StringComparison.Ordinal)) return ns[(Root + "Features.").Length..].Split('.')[0];
        return null;
    }

    /// <summary>The groups of two or more features that reach each other (strongly connected components, Tarjan).</summary>
    private static List<HashSet<string>> Circles(Dictionary<string, HashSet<string>> uses)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var circles = new List<HashSet<string>>();

        void Visit(string feature)
        {
            var order = index.Count;
            index[feature] = order;
            low[feature] = order;
            stack.Push(feature);
            foreach (var next in uses.GetValueOrDefault(feature) ?? [])
            {
                if (!index.ContainsKey(next)) { Visit(next); low[feature] = Math.Min(low[feature], low[next]); }
                else if (stack.Contains(next)) low[feature] = Math.Min(low[feature], index[next]);
            }
            if (low[feature] != index[feature]) return;
            var circle = new HashSet<string>();
            string member;
            do { member = stack.Pop(); circle.Add(member); } while (member != feature);
            if (circle.Count > 1) circles.Add(circle);
        }

        foreach (var feature in uses.Keys.Order()) if (!index.ContainsKey(feature)) Visit(feature);
        return circles;
    }

    /// <summary>
    /// Each offending reference, "from type → to type", grouped by the two areas: the smallest group first (in a circle,
    /// usually the wrong way round), at most 20 a group, so a big mistake stays readable.
    /// </summary>
    private static string Describe(IEnumerable<Reference> references) => string.Join("\n", references
        .GroupBy(r => (r.FromArea, r.ToArea)).OrderBy(g => g.Count()).ThenBy(g => g.Key)
        .Select(g =>
        {
            var lines = g.Select(r => $"    {Name(r.From)} → {Name(r.To)}").Order().ToList();
            var more = lines.Count > 20 ? $"\n    … and {lines.Count - 20} more" : "";
            return $"  {g.Key.FromArea} → {g.Key.ToArea} ({lines.Count}):\n{string.Join("\n", lines.Take(20))}{more}";
        }));

    private static string Name(Type type) => ViewPaths.TryGetValue(type, out var path) ? path : type.FullName ?? type.Name;
}
