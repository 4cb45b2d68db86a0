namespace Hyperbake.Bench;

/// <summary>Benchmarks of the in-process writers against the standard tools: <c>Hyperbake.Bench &lt;case&gt; [options]</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "iso":
                return IsoBench.Run(args[1..]);
            default:
                Console.Error.WriteLine("usage: Hyperbake.Bench <case> [options]; cases: iso");
                return 2;
        }
    }
}
