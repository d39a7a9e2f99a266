using System.Collections.Specialized;
using System.Text.Json;
using Quartz.Spi;

namespace HeartsMinds.Community.Platform.Scheduling;

/// <summary>
/// Quartz's database job store needs a serializer for job data, and its built-in binary one throws on .NET 9+.
/// With quartz.jobStore.useProperties=true job data arrives as a NameValueCollection of strings, which System.Text.Json
/// cannot write directly, so it goes through a dictionary.
/// </summary>
public sealed class JsonObjectSerializer : IObjectSerializer
{
    public void Initialize() { }

    public byte[] Serialize<T>(T obj) where T : class =>
        obj is NameValueCollection collection
            ? JsonSerializer.SerializeToUtf8Bytes(collection.AllKeys.OfType<string>().ToDictionary(k => k, k => collection[k]))
            : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType());

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        if (typeof(T) == typeof(NameValueCollection))
        {
            var collection = new NameValueCollection();
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [])
                collection[key] = value;
            return (T)(object)collection;
        }
        return JsonSerializer.Deserialize<T>(data);
    }
}
