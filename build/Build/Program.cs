using Hyperbake.Host;

namespace Build;

public static class Program
{
    public static int Main(string[] args)
    {
        var host = CreateHost();

        // build.sh names the checkout, so cake.config and relative paths work from any folder.
        if (Environment.GetEnvironmentVariable("HYPERBAKE_ROOT") is { Length: > 0 } root)
        {
            host.UseWorkingDirectory(root);
            Startup.EarlyWork.Start(root);
        }

        return host.Run(args);
    }

    /// <summary>The build host with every task of this assembly (tests run it in-process).</summary>
    public static CakeHost CreateHost() =>
        new CakeHost()
            .AddAssembly(typeof(Program).Assembly)
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .UseCakeSetting("Paths_Dist", "dist")
            .UseTaskLogDirectory<BuildContext>(context => context.LogDirectory);
}
