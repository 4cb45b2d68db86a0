namespace Hyperbake.Bench;

public static class Program
{
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "squashfs" => SquashFsBench.Run(args[1..]),
        "squashfs-image" => SquashFsBench.BuildImage(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Hyperbake.Bench squashfs [dir ...] | squashfs-image <dir> <out.img> [option ...]");
        return 2;
    }
}
