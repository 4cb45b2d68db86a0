using Hyperbake.Host;
using Hyperbake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperbake.Host.Tests.Fixtures;

/// <summary>
/// Runs a <see cref="CakeHost"/> in-process with only the tasks a test registers, a fake environment
/// and all output captured in one writer.
/// </summary>
public sealed class HostFixture : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly CakeHost _host;

    public HostFixture()
    {
        Temp = new TempDirectory();
        Environment = new FakeEnvironment(Temp.Path);
        _host = new CakeHost()
            .IgnoreEntryAssembly()
            .UseConsole(new TextWriterConsole(_output))
            .UseEnvironment(Environment)
            .ConfigureServices(s => s.AddSingleton(Recorder));
    }

    public TempDirectory Temp { get; }

    public FakeEnvironment Environment { get; }

    public Recorder Recorder { get; } = new();

    public string Output => _output.ToString();

    public HostFixture Register<TTask>()
        where TTask : class, IFrostingTask
    {
        _host.RegisterTask<TTask>();
        return this;
    }

    public HostFixture Configure(Action<CakeHost> configure)
    {
        configure(_host);
        return this;
    }

    /// <summary>Runs the host; tasks run one at a time unless the arguments say otherwise.</summary>
    public int Run(params string[] args)
    {
        var all = args.Any(a => a.StartsWith("--parallel", StringComparison.Ordinal)) ? args : [.. args, "--parallel=1"];
        return _host.Run(all);
    }

    public void Dispose() => Temp.Dispose();
}
