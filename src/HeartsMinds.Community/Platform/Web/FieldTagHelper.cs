using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// One question on a form, the same way on public and staff pages (the GOV.UK pattern): a label, an optional hint, the
/// error message (before the control, so a screen reader hears it first), then the control, linked to both by
/// <c>aria-describedby</c> and marked <c>aria-invalid</c> when its answer failed. The id is the one the error summary
/// (_ValidationSummary) links to: "Input.Email" → <c>Input_Email</c>.
/// <code>
/// &lt;field for="Input.Email" type="email" hint="We'll send the confirmation here." maxlength="254" /&gt;
/// &lt;field name="@key" value="@person.Name" label="Full name" /&gt;   (a name built at run time, such as a row's)
/// &lt;field for="WaitlistEnabled" type="checkbox" label="Keep a waitlist" /&gt;
/// &lt;field for="Invite.Role" type="radios" options="@roles" /&gt;
/// </code>
/// Types: any input type, <c>textarea</c>, <c>select</c>, <c>checkbox</c> (a lone yes/no box) and <c>radios</c>.
/// Other attributes (maxlength, autocomplete, class, min, spellcheck...) go on the control. A checkbox posts
/// "true", with a hidden "false" after it so an unticked box reads as false even where the default is true.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    /// <summary>The property; gives the name (with a partial's prefix), the value and, from [Display], the label.</summary>
    [HtmlAttributeName("for")] public ModelExpression? For { get; set; }

    /// <summary>The posted name, when there is no property to point at (rows built at run time).</summary>
    [HtmlAttributeName("name")] public string? Name { get; set; }

    /// <summary>The value to show; by default what was posted, else the property's value.</summary>
    [HtmlAttributeName("value")] public string? Value { get; set; }

    /// <summary>A checkbox's state when there is no property (otherwise the property's value).</summary>
    [HtmlAttributeName("checked")] public bool? Checked { get; set; }

    [HtmlAttributeName("label")] public string? Label { get; set; }
    [HtmlAttributeName("hint")] public string? Hint { get; set; }
    [HtmlAttributeName("type")] public string Type { get; set; } = "text";

    /// <summary>The choices of a select or radios, in order.</summary>
    [HtmlAttributeName("options")] public IEnumerable<(string Value, string Text)>? Options { get; set; }

    /// <summary>Rows of a textarea.</summary>
    [HtmlAttributeName("rows")] public int Rows { get; set; } = 3;

    /// <summary>An id other than the one made from the name, where one name is used by several forms on a page.</summary>
    [HtmlAttributeName("id")] public string? Id { get; set; }

    /// <summary>
    /// False for a form whose fields share their names with another form on the page, the one that was posted: it
    /// shows neither that form's messages nor its answers.
    /// </summary>
    [HtmlAttributeName("show-posted")] public bool ShowPosted { get; set; } = true;

    [HtmlAttributeName("autofocus")] public bool Autofocus { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For is null ? Name ?? throw new InvalidOperationException("<field> needs for or name")
            : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = string.IsNullOrEmpty(Id) ? TagBuilder.CreateSanitizedId(name, "_") : Id;
        var label = Label ?? For?.Metadata.DisplayName ?? For?.Metadata.PropertyName ?? name;
        var errors = ShowPosted && ViewContext.ModelState.TryGetValue(name, out var entry)
            ? entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "Check this answer" : e.ErrorMessage).ToList()
            : [];

        var hintId = Hint is null ? null : id + "-hint";
        var errorId = errors.Count == 0 ? null : id + "-error";
        var describedBy = string.Join(' ', new[] { hintId, errorId }.OfType<string>());

        // Attributes not bound above (maxlength, class, autocomplete...) belong to the control, not the wrapper.
        var extra = output.Attributes.Where(a => a.Value is not null).ToList();
        output.Attributes.Clear();
        output.TagMode = TagMode.StartTagAndEndTag;
        output.TagName = Type == "radios" ? "fieldset" : "div";
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field--error" : "field");

        var invalid = errors.Count > 0;
        var html = new StringWriter();
        var hint = Hint is null ? "" : $"<span class=\"hint\" id=\"{Enc(hintId!)}\">{Enc(Hint)}</span>";
        var error = invalid ? $"<span class=\"field-error\" id=\"{Enc(errorId!)}\"><span class=\"visually-hidden\">Error:</span> {Enc(string.Join(" ", errors))}</span>" : "";

        switch (Type)
        {
            case "checkbox":
                // The box comes before its label, and the hint sits in the label, as on every .choice row. The hidden
                // "false" after it makes an unticked box read as false, even where the default is true.
                html.Write(error);
                html.Write("<div class=\"choice\">");
                html.Write(Tag("input", Control(id, name, "checkbox", describedBy, invalid, extra)
                    .Append(("value", "true")).Append(("checked", Checked ?? For?.Model as bool? ?? false ? "checked" : null))));
                html.Write($"<label for=\"{Enc(id)}\">{Enc(label)}{(hint.Length > 0 ? " " + hint : "")}</label></div>");
                html.Write(Tag("input", [("type", "hidden"), ("name", name), ("value", "false")]));
                break;

            case "radios":
                // A group: the legend is its label, and the first option takes the id the error summary links to.
                html.Write($"<legend>{Enc(label)}</legend>{hint}{error}<div class=\"choices\">");
                var current = CurrentValue(name);
                var first = true;
                foreach (var (value, text) in Options ?? [])
                {
                    var optionId = first ? id : TagBuilder.CreateSanitizedId($"{id}_{value}", "_");
                    html.Write("<div class=\"choice\">");
                    html.Write(Tag("input", Control(optionId, name, "radio", describedBy, invalid, extra)
                        .Append(("value", value)).Append(("checked", value == current ? "checked" : null))));
                    html.Write($"<label for=\"{Enc(optionId)}\">{Enc(text)}</label></div>");
                    first = false;
                }
                html.Write("</div>");
                break;

            default:
                html.Write($"<label for=\"{Enc(id)}\">{Enc(label)}</label>{hint}{error}");
                if (Type == "textarea")
                {
                    // The newline after <textarea> is dropped by the HTML parser, so text that starts with one keeps it.
                    html.Write(Tag("textarea", Control(id, name, null, describedBy, invalid, extra)
                        .Append(("rows", Rows.ToString(CultureInfo.InvariantCulture))), close: false));
                    html.Write($"\n{Enc(CurrentValue(name) ?? "")}</textarea>");
                }
                else if (Type == "select")
                {
                    var selected = CurrentValue(name);
                    html.Write(Tag("select", Control(id, name, null, describedBy, invalid, extra), close: false));
                    foreach (var (value, text) in Options ?? [])
                        html.Write($"{Tag("option", [("value", value), ("selected", value == selected ? "selected" : null)], close: false)}{Enc(text)}</option>");
                    html.Write("</select>");
                }
                else
                {
                    // A password is never sent back to the browser.
                    html.Write(Tag("input", Control(id, name, Type, describedBy, invalid, extra)
                        .Append(("value", Type == "password" ? null : CurrentValue(name)))
                        .Append(("spellcheck", Type == "email" && !extra.Any(a => a.Name == "spellcheck") ? "false" : null))));
                }
                break;
        }
        output.Content.SetHtmlContent(html.ToString());
    }

    /// <summary>The control's attributes in a readable order: id, name, type, then the page's own, then ARIA.</summary>
    private List<(string Name, string? Value)> Control(string id, string name, string? type, string describedBy, bool invalid, List<TagHelperAttribute> extra)
    {
        List<(string, string?)> attributes = [("id", id), ("name", name), ("type", type)];
        attributes.AddRange(extra.Select(a => (a.Name, (string?)AttributeText(a.Value))));
        attributes.Add(("autofocus", Autofocus ? "autofocus" : null));
        attributes.Add(("aria-describedby", describedBy.Length > 0 ? describedBy : null));
        attributes.Add(("aria-invalid", invalid ? "true" : null));
        return attributes;
    }

    /// <summary>What was posted (so a wrong answer is shown to be put right), else the property's value.</summary>
    private string? CurrentValue(string name)
    {
        if (Value is not null) return Value;
        if (ShowPosted && ViewContext.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null) return entry.AttemptedValue;
        return For?.Model switch
        {
            null => null,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var model => model.ToString(),
        };
    }

    /// <summary>A start tag; attributes whose value is null are left out.</summary>
    private string Tag(string tag, IEnumerable<(string Name, string? Value)> attributes, bool close = true) =>
        $"<{tag}{string.Concat(attributes.Where(a => a.Value is not null).Select(a => $" {a.Name}=\"{Enc(a.Value!)}\""))}{(close ? " />" : ">")}";

    private string Enc(string text) => encoder.Encode(text);

    // An attribute written with Razor (maxlength="@max") arrives as HTML content: written out and decoded, it is
    // plain text again, encoded once by Tag.
    private static string AttributeText(object? value)
    {
        if (value is not IHtmlContent html) return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return System.Net.WebUtility.HtmlDecode(writer.ToString());
    }
}
