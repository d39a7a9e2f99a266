using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>
/// Binds a checkbox (a bool). A value other than true or false (only a crafted form sends one) is an error on the field,
/// and the field is redrawn unticked: left as typed, it would make the checkbox tag helper throw while the page is
/// redrawn, turning a bad form into a 500.
/// </summary>
public sealed class BooleanFieldBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None) return Task.CompletedTask;

        // A ticked checkbox sends "true" and its hidden field "false": the first value is the answer.
        if (bool.TryParse(values.FirstValue, out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: false, attemptedValue: "false");
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "Tick the box or leave it empty");
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}
