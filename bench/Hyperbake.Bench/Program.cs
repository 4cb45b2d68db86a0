namespace Hyperbake.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "disk":
                return DiskBench.Run(args[1..]);
            default:
                Console.Error.WriteLine("usage: Hyperbake.Bench disk [runs] [work-dir] [case-prefix]");
                return 2;
        }
    }
}
