using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HeartsMinds.Community.Platform.Data.Migrations;

/// <summary>Start-up stops with this when the database and the app's scripts disagree.</summary>
public sealed class SchemaMigrationException(string message) : Exception(message);
