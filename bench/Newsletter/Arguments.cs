namespace NewsletterBench;

/// <summary>"--name value" pairs after the command.</summary>
public sealed class Arguments
{
    public const string Usage = """
        usage: NewsletterBench sink --port P --log FILE
               NewsletterBench seed --db CONNSTRING --recipients N
               NewsletterBench baseline --port P --connections C --messages N --size BYTES [--tcp-nodelay true|false (true)]
               NewsletterBench count --log FILE --expect N [--domain D (newsletter-bench.example)]
          sink      an SMTP server on 127.0.0.1:P that accepts everything and appends a line per accepted recipient to
                    FILE: recipient<TAB>message-id<TAB>bytes, flushed before the 250 reply. Runs until stopped.
          seed      N confirmed signatories who want the newsletter and one newsletter scheduled for now
          baseline  a plain MailKit loop, no database: C connections opened once, N messages of about BYTES in all;
                    Nagle's algorithm off unless --tcp-nodelay false (MailKit's default leaves it on)
          count     from the sink's log: delivered (unique recipients at D), duplicates, lost, Message-IDs of duplicates
        """;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(IEnumerable<string> args)
    {
        var parsed = new Arguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i += 2)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
                throw new ArgumentException($"unexpected argument '{list[i]}'");
            parsed._values[list[i][2..]] = list[i + 1];
        }
        return parsed;
    }

    public string Text(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required");

    public string TextOr(string name, string fallback) => _values.GetValueOrDefault(name) ?? fallback;

    public bool Bool(string name, bool fallback) => _values.GetValueOrDefault(name) switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        var text => throw new ArgumentException($"--{name} must be true or false, not '{text}'"),
    };

    public int Int(string name, int min, int max)
    {
        var text = Text(name);
        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
    }
}
