namespace HeartsMinds.Community.Features.LiveBoard;

/// <summary>
/// The board said no to something a person asked (not open, not theirs, too long, too quick). The message is for
/// that person; <see cref="Status"/> is the HTTP status a form answer carries.
/// </summary>
public sealed class BoardRefusedException(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status { get; } = status;
}
