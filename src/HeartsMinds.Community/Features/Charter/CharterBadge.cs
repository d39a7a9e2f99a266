using System.Globalization;
using System.Net;
using SkiaSharp;

namespace HeartsMinds.Community.Features.Charter;

/// <summary>
/// The Charter badge, "I've signed up to the HM Charter": the heart mark and the words in the site's colours, as an
/// SVG (600 × 240 user units) and a PNG (<see cref="PngWidth"/> × <see cref="PngHeight"/> pixels, the same drawing
/// at twice the size, sharp on high-density screens). Personalised, the bottom line names the organisation instead
/// of the Partnership. Both are drawn from one layout, measured with the bundled DejaVu Sans so that text fits.
/// </summary>
public static class CharterBadge
{
    public const int Width = 600;
    public const int Height = 240;
    public const int Scale = 2;
    public const int PngWidth = Width * Scale;
    public const int PngHeight = Height * Scale;

    public const string Words = "I\u2019ve signed up to the HM Charter";
    private const string Partnership = "Hearts and Minds Partnership";
    private const string Brand = "#9b2242", Ink = "#2b2320", InkSoft = "#5c4f49", Paper = "#fffaf5";
    private const string FontFamily = "'DejaVu Sans', Verdana, Arial, sans-serif";

    // The site's heart mark (favicon.svg, drawn on a 32-unit square), placed at HeartX, HeartY at HeartScale.
    private const string HeartPath = "M16 28.5C16 28.5 3 21 3 11.8 3 7.5 6.4 4 10.6 4c2.4 0 4.2 1.2 5.4 3 1.2-1.8 3-3 5.4-3C25.6 4 29 7.5 29 11.8 29 21 16 28.5 16 28.5z";
    private const string HighlightPath = "M8.2 11.2c.3-1.9 1.8-3.2 3.6-3.2";
    private const float HeartX = 28, HeartY = 40, HeartScale = 5;
    private const float TextX = 200, TextRight = 572;

    private static readonly SKTypeface Regular = LoadFont("DejaVuSans.ttf");
    private static readonly SKTypeface Bold = LoadFont("DejaVuSans-Bold.ttf");
    private static readonly Lazy<byte[]> GenericPng = new(() => Png(null));
    private static readonly Lazy<string> GenericSvg = new(() => Svg(null));

    public static string Alt(string? organisation) => organisation is null
        ? $"{Words}: the Hearts and Minds Partnership"
        : $"{organisation}: {Words.Replace("I\u2019ve", "we\u2019ve", StringComparison.Ordinal)} of the Hearts and Minds Partnership";

    public static string GenericSvgText => GenericSvg.Value;
    public static byte[] GenericPngBytes => GenericPng.Value;

    private sealed record Line(string Text, float Y, float Size, bool IsBold, string Colour);

    /// <summary>The three lines of words; the last is the organisation, shrunk (and at last shortened) to fit.</summary>
    private static Line[] Lines(string? organisation)
    {
        var last = organisation is null
            ? Fit(Partnership, 22, 22, false)
            : Fit(organisation, 24, 14, true);
        return
        [
            new("I\u2019ve signed up to the", 92, Fit("I\u2019ve signed up to the", 30, 30, false).Size, false, Ink),
            new("HM Charter", 152, Fit("HM Charter", 56, 40, true).Size, true, Brand),
            new(last.Text, 200, last.Size, organisation is not null, organisation is null ? InkSoft : Ink),
        ];
    }

    private static (string Text, float Size) Fit(string text, float largest, float smallest, bool bold)
    {
        var room = TextRight - TextX;
        using var font = new SKFont(bold ? Bold : Regular, largest);
        for (var size = largest; size >= smallest; size -= 1)
        {
            font.Size = size;
            if (font.MeasureText(text) <= room) return (text, size);
        }
        font.Size = smallest;
        var shortened = text;
        while (shortened.Length > 1 && font.MeasureText(shortened + "\u2026") > room) shortened = shortened[..^1].TrimEnd();
        return (shortened + "\u2026", smallest);
    }

    public static string Svg(string? organisation)
    {
        var title = WebUtility.HtmlEncode(Alt(organisation));
        var lines = string.Concat(Lines(organisation).Select(l =>
            $"<text x=\"{Num(TextX)}\" y=\"{Num(l.Y)}\" font-size=\"{Num(l.Size)}\" font-weight=\"{(l.IsBold ? "bold" : "normal")}\" fill=\"{l.Colour}\">{WebUtility.HtmlEncode(l.Text)}</text>"));
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="hm-badge-title">
            <title id="hm-badge-title">{title}</title>
            <rect x="4" y="4" width="{Width - 8}" height="{Height - 8}" rx="24" fill="{Paper}" stroke="{Brand}" stroke-width="8"/>
            <g transform="translate({Num(HeartX)} {Num(HeartY)}) scale({Num(HeartScale)})"><path fill="{Brand}" d="{HeartPath}"/><path fill="none" stroke="{Paper}" stroke-width="1.8" stroke-linecap="round" d="{HighlightPath}"/></g>
            <g font-family="{FontFamily}">{lines}</g>
            </svg>
            """;
    }

    public static byte[] Png(string? organisation)
    {
        using var surface = SKSurface.Create(new SKImageInfo(PngWidth, PngHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(Scale);
        using (var fill = new SKPaint { Color = SKColor.Parse(Paper), IsAntialias = true })
            canvas.DrawRoundRect(new SKRect(4, 4, Width - 4, Height - 4), 24, 24, fill);
        using (var stroke = new SKPaint { Color = SKColor.Parse(Brand), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 8 })
            canvas.DrawRoundRect(new SKRect(4, 4, Width - 4, Height - 4), 24, 24, stroke);

        canvas.Save();
        canvas.Translate(HeartX, HeartY);
        canvas.Scale(HeartScale);
        using (var heart = SKPath.ParseSvgPathData(HeartPath))
        using (var paint = new SKPaint { Color = SKColor.Parse(Brand), IsAntialias = true })
            canvas.DrawPath(heart, paint);
        using (var highlight = SKPath.ParseSvgPathData(HighlightPath))
        using (var paint = new SKPaint { Color = SKColor.Parse(Paper), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.8f, StrokeCap = SKStrokeCap.Round })
            canvas.DrawPath(highlight, paint);
        canvas.Restore();

        foreach (var line in Lines(organisation))
        {
            using var font = new SKFont(line.IsBold ? Bold : Regular, line.Size) { Subpixel = true, Edging = SKFontEdging.Antialias };
            using var paint = new SKPaint { Color = SKColor.Parse(line.Colour), IsAntialias = true };
            canvas.DrawText(line.Text, TextX, line.Y, SKTextAlign.Left, font, paint);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Copy-paste HTML for a website: the badge from our site, linking to the Charter.</summary>
    public static string Snippet(string badgeUrl, string charterUrl, string alt) =>
        $"<a href=\"{WebUtility.HtmlEncode(charterUrl)}\"><img src=\"{WebUtility.HtmlEncode(badgeUrl)}\" alt=\"{WebUtility.HtmlEncode(alt)}\" width=\"300\" height=\"120\"></a>";

    private static string Num(float value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static SKTypeface LoadFont(string file)
    {
        using var stream = typeof(CharterBadge).Assembly.GetManifestResourceStream($"HeartsMinds.Community.Charter.{file}")
            ?? throw new InvalidOperationException($"The badge font {file} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The badge font {file} could not be read.");
    }
}
