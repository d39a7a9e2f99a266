using Microsoft.Extensions.Options;

namespace HeartsMinds.Community.Features.Reminders;

/// <summary>Says every problem with the Reminders section at start-up, each in words that say what to change.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var problems = ReminderOptions.Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
