namespace Hyperbake.Bench;

/// <summary>Benchmarks against the standard tools, one per argument: <c>dotnet run -- ext4</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "ext4" when !OperatingSystem.IsWindows():
                return ExtBench.Run(args[1..]);
            default:
                Console.Error.WriteLine("usage: Hyperbake.Bench <ext4> [options]");
                return 2;
        }
    }
}
