using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hyperbake.Host;

/// <summary>
/// The Frosting-shaped host: discovers the tasks (public, non-abstract <see cref="IFrostingTask"/>
/// classes of the entry assembly and of every <see cref="AddAssembly"/>), parses the command line and
/// runs, dry-runs or describes the build. <see cref="Run"/> returns 0, or -1 after an error.
/// </summary>
public sealed class CakeHost
{
    private readonly ServiceCollection _services = new();
    private readonly List<Assembly> _assemblies = [];
    private bool _scanEntryAssembly = true;

    public static CakeHost Create() => new();

    public CakeHost AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!_assemblies.Contains(assembly))
        {
            _assemblies.Add(assembly);
        }

        return this;
    }

    /// <summary>Only the added assemblies and registered tasks count (tests use this).</summary>
    public CakeHost IgnoreEntryAssembly()
    {
        _scanEntryAssembly = false;
        return this;
    }

    public CakeHost ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_services);
        return this;
    }

    public int Run(IEnumerable<string> args) => RunAsync(args).GetAwaiter().GetResult();

    public async Task<int> RunAsync(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var services = new ServiceCollection();
        foreach (var descriptor in _services)
        {
            services.Add(descriptor);
        }

        services.AddSingleton<HostRuntime>();
        services.AddSingleton<ICakeContext>(p => p.GetRequiredService<HostRuntime>().Context!);
        services.AddSingleton(p => p.GetRequiredService<HostRuntime>().Context!.Log);
        services.AddSingleton(p => p.GetRequiredService<HostRuntime>().Context!.Arguments);
        services.AddSingleton(p => p.GetRequiredService<HostRuntime>().Context!.Configuration);
        services.TryAddSingleton<ICakeEnvironment, CakeEnvironment>();
        services.TryAddSingleton<FrostingContext>();
        await using var provider = services.BuildServiceProvider();

        var environment = provider.GetRequiredService<ICakeEnvironment>();
        var console = provider.GetService<IHostConsole>() ?? new SystemConsole(environment);
        var githubGroups = string.Equals(environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        var output = new OutputCoordinator(console.IsInteractive ? CreateSpectreSink() : new ConsoleSink(console), githubGroups);
        var log = new HostLog(output);
        try
        {
            var options = CommandLineParser.Parse(args.ToList());
            if (options.Verbosity is { } verbosity)
            {
                log.Verbosity = verbosity;
            }

            if (options.Version)
            {
                console.Out.WriteLine(Version);
                return 0;
            }

            if (options.Info)
            {
                WriteInfo(console.Out, environment);
                return 0;
            }

            if (options.Help)
            {
                HelpText.Write(console.Out, "./build.sh");
                return 0;
            }

            var working = options.WorkingDirectory ?? provider.GetServices<WorkingDirectoryRegistration>().LastOrDefault()?.Path;
            if (working is not null)
            {
                var full = Path.GetFullPath(working, environment.WorkingDirectory);
                if (!Directory.Exists(full))
                {
                    throw new FrostingException($"The working directory '{full}' does not exist.");
                }

                environment.WorkingDirectory = full;
            }

            var defaults = provider.GetServices<CakeSettingRegistration>().Select(s => new KeyValuePair<string, string>(s.Key, s.Value));
            var configuration = CakeConfiguration.Create(defaults, environment, options.Arguments);
            IReadOnlyList<string> targets = options.Targets.Count > 0 ? options.Targets : ["Default"];
            var arguments = new CakeArguments(options.Arguments.Concat(targets.Select(t => new KeyValuePair<string, string>("target", t))));
            provider.GetRequiredService<HostRuntime>().Context = new HostContext(arguments, configuration, log, environment);

            var contextType = provider.GetServices<ContextRegistration>().LastOrDefault()?.Type ?? typeof(FrostingContext);
            var graph = TaskGraph.Build(DiscoverTasks(provider, contextType, log));

            if (options.Graph is { } format)
            {
                if (!format.Equals("dot", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FrostingException($"--graph={format} is not a known graph format. Use --graph=dot.");
                }

                DotGraphPrinter.Write(graph, console.Out);
                return 0;
            }

            if (options.DryRun)
            {
                await DryRunAsync(provider, contextType, graph, targets, options, log, output).ConfigureAwait(false);
                return 0;
            }

            if (options.Tree)
            {
                TreePrinter.Write(graph, console.Out, console.SupportsAnsi);
                return 0;
            }

            if (options.Description)
            {
                DescriptionPrinter.Write(graph.Tasks, console.Out, console.SupportsAnsi);
                return 0;
            }

            await RunBuildAsync(provider, contextType, graph, targets, options, log, output, console, environment).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            ExceptionLogger.Log(log, ex);
            return -1;
        }
    }

    private static string Version =>
        typeof(CakeHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static async Task DryRunAsync(ServiceProvider provider, Type contextType, TaskGraph graph, IReadOnlyList<string> targets, CommandLineOptions options, HostLog log, OutputCoordinator output)
    {
        var plan = ExecutionPlan.Create(graph, targets, options.Exclusive);
        var context = (ICakeContext)provider.GetRequiredService(contextType);
        var engine = CreateEngine(provider, log, output, new PlainRunDisplay(), logDirectory: null);
        log.Information("Performing dry run...");
        log.Information(targets.Count == 1 ? $"Target is: {targets[0]}" : $"Targets are: {string.Join(", ", targets)}");
        log.Information(string.Empty);
        await engine.RunAsync(context, plan, new DryRunExecutionStrategy(log), parallelism: 1).ConfigureAwait(false);
        log.Information(string.Empty);
        log.Information("This was a dry run.");
        log.Information("No tasks were actually executed.");
    }

    private static async Task RunBuildAsync(ServiceProvider provider, Type contextType, TaskGraph graph, IReadOnlyList<string> targets, CommandLineOptions options, HostLog log, OutputCoordinator output, IHostConsole console, ICakeEnvironment environment)
    {
        var plan = ExecutionPlan.Create(graph, targets, options.Exclusive);
        var context = (ICakeContext)provider.GetRequiredService(contextType);
        var display = console.IsInteractive ? CreateSpectreDisplay() : new PlainRunDisplay();
        var printer = console.IsInteractive ? CreateSpectrePrinter() : new PlainReportPrinter(console);
        var logDirectory = provider.GetServices<TaskLogDirectoryRegistration>().LastOrDefault()?.Resolve;
        var engine = CreateEngine(provider, log, output, display, logDirectory);
        var parallelism = options.Parallel is null or 0 ? environment.ProcessorCount : options.Parallel.Value;
        CakeReport report;
        try
        {
            report = await display.RunAsync(() => engine.RunAsync(context, plan, new DefaultExecutionStrategy(log), parallelism)).ConfigureAwait(false);
        }
        catch (CakeReportException ex)
        {
            // A failure keeps its summary down to minimal verbosity, so that it is clear what failed.
            if (log.Verbosity >= Verbosity.Minimal)
            {
                printer.Write(ex.Report, log.Verbosity);
            }

            throw;
        }

        if (log.Verbosity >= Verbosity.Normal)
        {
            printer.Write(report, log.Verbosity);
        }
    }

    private static CakeEngine CreateEngine(ServiceProvider provider, HostLog log, OutputCoordinator output, IRunDisplay display, Func<ICakeContext, string?>? logDirectory)
    {
        var hooks = new EngineHooks(
            provider.GetServices<IFrostingSetup>().LastOrDefault(),
            provider.GetServices<IFrostingTeardown>().LastOrDefault(),
            provider.GetServices<IFrostingTaskSetup>().LastOrDefault(),
            provider.GetServices<IFrostingTaskTeardown>().LastOrDefault());
        return new CakeEngine(log, hooks, d => (IFrostingTask)ActivatorUtilities.CreateInstance(provider, d.Type), output, display, logDirectory);
    }

    private List<TaskDefinition> DiscoverTasks(ServiceProvider provider, Type contextType, ICakeLog log)
    {
        var types = new List<Type>();
        var assemblies = new List<Assembly>();
        if (_scanEntryAssembly && Assembly.GetEntryAssembly() is { } entry)
        {
            assemblies.Add(entry);
        }

        assemblies.AddRange(_assemblies.Where(a => !assemblies.Contains(a)));
        foreach (var assembly in assemblies)
        {
            types.AddRange(assembly.GetExportedTypes().Where(TaskDefinition.IsTaskType));
        }

        types.AddRange(provider.GetServices<TaskRegistration>().Select(r => r.Type));
        var definitions = new List<TaskDefinition>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types.Distinct())
        {
            var definition = TaskDefinition.FromType(type);
            if (!definition.ContextType.IsAssignableFrom(contextType))
            {
                log.Warning("Task cannot be used since the context isn't convertible to {0}.", definition.ContextType.FullName);
                continue;
            }

            if (!names.Add(definition.Name))
            {
                throw new CakeException($"Another task with the name '{definition.Name}' has already been added.");
            }

            definitions.Add(definition);
        }

        return definitions;
    }

    private static void WriteInfo(TextWriter output, ICakeEnvironment environment)
    {
        output.WriteLine($"Hyperbake.Host Version: {Version}");
        output.WriteLine($"Runtime: {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})");
        output.WriteLine($"Operating system: {RuntimeInformation.OSDescription}");
        output.WriteLine($"Processors: {environment.ProcessorCount}");
        output.WriteLine($"Working directory: {environment.WorkingDirectory}");
    }

    // Spectre.Console is loaded only on an interactive terminal: these stay out of line so that
    // the plain path never compiles (and loads) them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IOutputSink CreateSpectreSink() => new SpectreSink();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IRunDisplay CreateSpectreDisplay() => new SpectreRunDisplay();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReportPrinter CreateSpectrePrinter() => new SpectreReportPrinter();
}
