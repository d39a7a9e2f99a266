// The newsletter benchmark's tool (see bench/README.md): an SMTP sink that logs every message it accepts, the seeding
// of signatories and one newsletter, the plain-MailKit baseline, and the count of what the sink received.
using NewsletterBench;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine(Arguments.Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = Arguments.Parse(args.Skip(1));
    return args[0] switch
    {
        "sink" => await Sink.RunAsync(options.Int("port", 1, 65535), options.Text("log")),
        "seed" => await Seed.RunAsync(options.Text("db"), options.Int("recipients", 1, 1_000_000)),
        "baseline" => await Baseline.RunAsync(options.Int("port", 1, 65535), options.Int("connections", 1, 64),
            options.Int("messages", 1, 10_000_000), options.Int("size", 500, 10_000_000), options.Bool("tcp-nodelay", true)),
        "count" => Count.Run(options.Text("log"), options.Int("expect", 0, 10_000_000), options.TextOr("domain", Seed.Domain)),
        _ => throw new ArgumentException($"unknown command '{args[0]}'"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"newsletter-bench: {e.Message}");
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}
