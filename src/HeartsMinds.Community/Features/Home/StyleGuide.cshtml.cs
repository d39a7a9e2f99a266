using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeartsMinds.Community.Features.Home;

/// <summary>
/// Development only: every class in site.css in use, and a form whose POST shows the error summary, so the
/// pattern can be seen and checked in a browser. Outside Development it is a 404.
/// </summary>
public sealed class StyleGuideModel(IWebHostEnvironment environment) : PageModel
{
    [BindProperty]
    public SampleInput Input { get; set; } = new();

    public IActionResult OnGet() => environment.IsDevelopment() ? Page() : NotFound();

    public IActionResult OnPost()
    {
        if (!environment.IsDevelopment()) return NotFound();
        if (Input.Format is null)
            ModelState.AddModelError("Input.Format", "Choose how you would like to take part");
        return Page();
    }

    public sealed class SampleInput
    {
        [Required(ErrorMessage = "Enter your organisation's name")]
        public string? Organisation { get; set; }

        [Required(ErrorMessage = "Enter an email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.org")]
        public string? Email { get; set; }

        public string? Format { get; set; }

        public string? Region { get; set; }

        public string? AccessNeeds { get; set; }

        public bool Newsletter { get; set; }
    }
}
