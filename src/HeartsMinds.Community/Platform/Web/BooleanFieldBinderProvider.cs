using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HeartsMinds.Community.Platform.Web;

/// <summary>Puts <see cref="BooleanFieldBinder"/> in front of MVC's own binder for every bool and bool? field.</summary>
public sealed class BooleanFieldBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? new BooleanFieldBinder() : null;
}
