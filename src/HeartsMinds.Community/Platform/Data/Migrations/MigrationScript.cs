using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HeartsMinds.Community.Platform.Data.Migrations;

/// <summary>One versioned SQL script, embedded in the assembly from this folder.</summary>
public sealed record MigrationScript(string Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised, so a checkout's line-ending style never matters.</summary>
    public string Checksum { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
