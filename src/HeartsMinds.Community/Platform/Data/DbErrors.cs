using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HeartsMinds.Community.Platform.Data;

public static class DbErrors
{
    /// <summary>A unique index refused the row: someone else saved the same thing at the same moment.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
