using System.ComponentModel;
using System.Globalization;

namespace Hyperbake.Host;

public static class ArgumentExtensions
{
    /// <summary>The last value given for <paramref name="name"/>, or null.</summary>
    public static string? GetArgument(this ICakeArguments arguments, string name)
    {
        var values = arguments.GetArguments(name);
        return values.Count == 0 ? null : values[^1];
    }

    /// <summary>The last value given for <paramref name="name"/> converted to <typeparamref name="T"/>, or <paramref name="defaultValue"/>.</summary>
    public static T Argument<T>(this ICakeContext context, string name, T defaultValue)
    {
        var value = context.Arguments.GetArgument(name);
        if (value is null)
        {
            return defaultValue;
        }

        try
        {
            return (T)TypeDescriptor.GetConverter(typeof(T)).ConvertFromString(null, CultureInfo.InvariantCulture, value)!;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException)
        {
            throw new CakeException($"The argument --{name}={value} is not a valid {typeof(T).Name}.");
        }
    }
}
