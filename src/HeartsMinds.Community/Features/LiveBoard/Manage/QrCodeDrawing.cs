using System.Text;
using QRCoder;

namespace HeartsMinds.Community.Features.LiveBoard.Manage;

/// <summary>
/// A QR code as one SVG path, for a page to draw inline: nothing but numbers and drawing letters, so the page writes
/// the &lt;svg&gt; itself and needs no inline style (the CSP allows none) and no image request.
/// </summary>
public sealed record QrCodeDrawing(int Size, string Path)
{
    /// <summary>The code for <paramref name="text"/>; <see cref="Size"/> counts modules, quiet zone included.</summary>
    public static QrCodeDrawing Of(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < matrix.Count; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < row.Length; x++)
            {
                if (!row[x]) continue;
                // One run of dark modules on a row is one rectangle: M x y h run v 1 h -run z
                var run = 1;
                while (x + run < row.Length && row[x + run]) run++;
                path.Append('M').Append(x).Append(' ').Append(y).Append('h').Append(run).Append("v1h-").Append(run).Append('z');
                x += run - 1;
            }
        }
        return new QrCodeDrawing(matrix.Count, path.ToString());
    }
}
