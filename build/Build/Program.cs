using Hyperbake.Host;

namespace Build;

public static class Program
{
    public static int Main(string[] args) => CreateHost().Run(args);

    /// <summary>The build host with every task of this assembly (tests run it in-process).</summary>
    public static CakeHost CreateHost() =>
        new CakeHost()
            .AddAssembly(typeof(Program).Assembly)
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .UseWorkingDirectory(Environment.GetEnvironmentVariable("HYPERBAKE_ROOT") is { Length: > 0 } root ? root : ".")
            .UseCakeSetting("Paths_Dist", "dist")
            .UseTaskLogDirectory<BuildContext>(context => context.LogDirectory);
}
