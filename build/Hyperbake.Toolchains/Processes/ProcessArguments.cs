namespace Hyperbake.Toolchains;

/// <summary>Shell-style quoting for messages and logs (never used to build a command line: arguments go as a list).</summary>
public static class ProcessArguments
{
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''") + "'";
    }
}
