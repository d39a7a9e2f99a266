using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// <c>&lt;div class="field" field-for="Input.Email"&gt;</c> gains the <c>field--error</c> class when that field
/// failed validation, so the error styling follows ModelState without repeating the check in every form.
/// </summary>
[HtmlTargetElement("div", Attributes = "field-for")]
[HtmlTargetElement("fieldset", Attributes = "field-for")]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeName("field-for")] public string FieldFor { get; set; } = "";
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ModelState.GetFieldValidationState(FieldFor) == ModelValidationState.Invalid)
            output.AddClass("field--error", System.Text.Encodings.Web.HtmlEncoder.Default);
    }
}
