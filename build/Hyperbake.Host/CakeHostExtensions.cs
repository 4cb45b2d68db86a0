using Microsoft.Extensions.DependencyInjection;

namespace Hyperbake.Host;

/// <summary>The fluent configuration of a <see cref="CakeHost"/>; each returns the host.</summary>
public static class CakeHostExtensions
{
    /// <summary>The build's context type; its constructor may take <see cref="ICakeContext"/> and any registered service.</summary>
    public static CakeHost UseContext<TContext>(this CakeHost host)
        where TContext : class, ICakeContext =>
        host.ConfigureServices(s => s.UseContext<TContext>());

    /// <summary>The build's Setup and Teardown.</summary>
    public static CakeHost UseLifetime<TLifetime>(this CakeHost host)
        where TLifetime : class, IFrostingSetup, IFrostingTeardown =>
        host.ConfigureServices(s => s.UseLifetime<TLifetime>());

    public static CakeHost UseSetup<TSetup>(this CakeHost host)
        where TSetup : class, IFrostingSetup =>
        host.ConfigureServices(s => s.AddSingleton<IFrostingSetup, TSetup>());

    public static CakeHost UseTeardown<TTeardown>(this CakeHost host)
        where TTeardown : class, IFrostingTeardown =>
        host.ConfigureServices(s => s.AddSingleton<IFrostingTeardown, TTeardown>());

    /// <summary>Setup and teardown around every task.</summary>
    public static CakeHost UseTaskLifetime<TLifetime>(this CakeHost host)
        where TLifetime : class, IFrostingTaskSetup, IFrostingTaskTeardown =>
        host.ConfigureServices(s => s.UseTaskLifetime<TLifetime>());

    public static CakeHost UseTaskSetup<TSetup>(this CakeHost host)
        where TSetup : class, IFrostingTaskSetup =>
        host.ConfigureServices(s => s.AddSingleton<IFrostingTaskSetup, TSetup>());

    public static CakeHost UseTaskTeardown<TTeardown>(this CakeHost host)
        where TTeardown : class, IFrostingTaskTeardown =>
        host.ConfigureServices(s => s.AddSingleton<IFrostingTaskTeardown, TTeardown>());

    /// <summary>The working directory, relative to the current one; <c>--working</c> overrides it.</summary>
    public static CakeHost UseWorkingDirectory(this CakeHost host, string path) =>
        host.ConfigureServices(s => s.AddSingleton(new WorkingDirectoryRegistration(path)));

    /// <summary>A configuration default, below the environment, cake.config and the command line.</summary>
    public static CakeHost UseCakeSetting(this CakeHost host, string key, string value) =>
        host.ConfigureServices(s => s.AddSingleton(new CakeSettingRegistration(key, value)));

    /// <summary>
    /// Where each executed task's log goes: <c>&lt;directory&gt;/&lt;TaskName&gt;.log</c>. The function gets the
    /// build context and is called once, when the first task runs; null turns the files off.
    /// </summary>
    public static CakeHost UseTaskLogDirectory<TContext>(this CakeHost host, Func<TContext, string?> directory)
        where TContext : ICakeContext =>
        host.ConfigureServices(s => s.AddSingleton(new TaskLogDirectoryRegistration(c => directory((TContext)c))));

    /// <summary>Registers one task explicitly (besides the ones discovered in the assemblies).</summary>
    public static CakeHost RegisterTask<TTask>(this CakeHost host)
        where TTask : class, IFrostingTask =>
        host.ConfigureServices(s => s.AddSingleton(new TaskRegistration(typeof(TTask))));

    /// <summary>Where output goes (tests pass a <see cref="TextWriterConsole"/>).</summary>
    public static CakeHost UseConsole(this CakeHost host, IHostConsole console) =>
        host.ConfigureServices(s => s.AddSingleton(console));

    /// <summary>The environment variables and working directory the host sees.</summary>
    public static CakeHost UseEnvironment(this CakeHost host, ICakeEnvironment environment) =>
        host.ConfigureServices(s => s.AddSingleton(environment));

    public static IServiceCollection UseContext<TContext>(this IServiceCollection services)
        where TContext : class, ICakeContext
    {
        services.AddSingleton(new ContextRegistration(typeof(TContext)));
        services.AddSingleton<TContext>();
        return services;
    }

    public static IServiceCollection UseLifetime<TLifetime>(this IServiceCollection services)
        where TLifetime : class, IFrostingSetup, IFrostingTeardown
    {
        services.AddSingleton<TLifetime>();
        services.AddSingleton<IFrostingSetup>(p => p.GetRequiredService<TLifetime>());
        services.AddSingleton<IFrostingTeardown>(p => p.GetRequiredService<TLifetime>());
        return services;
    }

    public static IServiceCollection UseTaskLifetime<TLifetime>(this IServiceCollection services)
        where TLifetime : class, IFrostingTaskSetup, IFrostingTaskTeardown
    {
        services.AddSingleton<TLifetime>();
        services.AddSingleton<IFrostingTaskSetup>(p => p.GetRequiredService<TLifetime>());
        services.AddSingleton<IFrostingTaskTeardown>(p => p.GetRequiredService<TLifetime>());
        return services;
    }
}
