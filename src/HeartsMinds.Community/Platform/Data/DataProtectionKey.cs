using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HeartsMinds.Community.Platform.Data;

/// <summary>One data protection key ring entry, shared by every instance of the app.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
