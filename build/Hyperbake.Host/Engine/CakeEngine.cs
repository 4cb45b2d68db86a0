using System.Diagnostics;

namespace Hyperbake.Host;

/// <summary>
/// Runs a plan with Cake's semantics: Setup once; per task criteria (a skipped dependency is fine, a
/// skipped target is an error), task setup, body, error handler (which swallows the error unless it
/// throws), Finally, task teardown; Teardown always. Up to <c>parallelism</c> tasks run at once, each
/// starting when everything it waits for has finished; after an unhandled failure no new task starts.
/// </summary>
internal sealed class CakeEngine(
    ICakeLog log,
    EngineHooks hooks,
    Func<TaskDefinition, IFrostingTask> createTask,
    OutputCoordinator output,
    IRunDisplay display,
    Func<ICakeContext, string?>? logDirectory)
{
    private readonly object _logDirectoryLock = new();
    private string? _logDirectory;
    private bool _logDirectoryResolved;

    public async Task<CakeReport> RunAsync(ICakeContext context, ExecutionPlan plan, IExecutionStrategy strategy, int parallelism)
    {
        var report = new CakeReport();
        Exception? failure = null;
        try
        {
            PerformSetup(context, plan, strategy, report);
            await RunTasksAsync(context, plan, strategy, Math.Max(1, parallelism), report).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        try
        {
            PerformTeardown(context, strategy, report, failure);
        }
        catch (Exception ex)
        {
            failure ??= ex;
        }

        if (failure is not null)
        {
            throw new CakeReportException(report, failure.Message, failure);
        }

        return report;
    }

    private void PerformSetup(ICakeContext context, ExecutionPlan plan, IExecutionStrategy strategy, CakeReport report)
    {
        if (hooks.Setup is not { } setup)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var info = new SetupContext(plan.FirstTarget, plan.Items.Select(i => (ICakeTaskInfo)i.Task).ToList());
        try
        {
            strategy.PerformSetup(() => setup.Setup(context, info));
        }
        catch
        {
            report.Add("Setup", CakeReportEntryCategory.Setup, stopwatch.Elapsed, CakeTaskExecutionStatus.Failed);
            throw;
        }

        report.Add("Setup", CakeReportEntryCategory.Setup, stopwatch.Elapsed);
    }

    private void PerformTeardown(ICakeContext context, IExecutionStrategy strategy, CakeReport report, Exception? earlier)
    {
        if (hooks.Teardown is not { } teardown)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            strategy.PerformTeardown(() => teardown.Teardown(context, new TeardownContext(earlier)));
        }
        catch (Exception ex)
        {
            log.Error("An error occurred in a custom teardown action.");
            if (earlier is null)
            {
                throw;
            }

            log.Error("Teardown error: {0}", ex.ToString());
        }
        finally
        {
            report.Add("Teardown", CakeReportEntryCategory.Teardown, stopwatch.Elapsed);
        }
    }

    private async Task RunTasksAsync(ICakeContext context, ExecutionPlan plan, IExecutionStrategy strategy, int parallelism, CakeReport report)
    {
        if (parallelism == 1)
        {
            foreach (var item in plan.Items)
            {
                await RunTaskAsync(context, item, strategy, report).ConfigureAwait(false);
            }

            return;
        }

        var pending = plan.Items.ToList();
        var running = new Dictionary<Task, PlanItem>();
        var finished = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Exception? failure = null;
        while (true)
        {
            for (var i = 0; failure is null && i < pending.Count && running.Count < parallelism;)
            {
                var item = pending[i];
                if (item.WaitsFor.All(finished.Contains))
                {
                    pending.RemoveAt(i);
                    running.Add(Task.Run(() => RunTaskAsync(context, item, strategy, report)), item);
                }
                else
                {
                    i++;
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            finished.Add(running[done].Task.Name);
            running.Remove(done);
            try
            {
                await done.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task RunTaskAsync(ICakeContext context, PlanItem item, IExecutionStrategy strategy, CakeReport report)
    {
        var definition = item.Task;
        using var scope = new TaskScope(output.Begin(definition.Name));
        TaskScope.Current = scope;
        display.TaskStarted(definition.Name);
        try
        {
            var task = createTask(definition);
            if (definition.HasCriteria && !task.ShouldRun(context))
            {
                var message = task.SkippedMessage ?? string.Empty;
                if (item.IsTarget)
                {
                    throw new CakeException(string.IsNullOrWhiteSpace(message)
                        ? $"Could not reach target '{definition.Name}' since it was skipped due to a criteria."
                        : $"Could not reach target '{definition.Name}' since it was skipped due to a criteria: {message}.");
                }

                SkipTask(context, definition, strategy, report, message);
                return;
            }

            if (strategy.WritesLogFiles && ResolveLogDirectory(context) is { } directory)
            {
                scope.OpenLogFile(Path.Combine(directory, definition.Name + ".log"));
            }

            await ExecuteTaskAsync(context, definition, task, strategy, report, scope).ConfigureAwait(false);
        }
        finally
        {
            display.TaskFinished(definition.Name);
        }
    }

    private void SkipTask(ICakeContext context, TaskDefinition definition, IExecutionStrategy strategy, CakeReport report, string message)
    {
        PerformTaskSetup(context, definition, strategy, skipped: true);
        strategy.Skip(definition, message);
        PerformTaskTeardown(context, definition, strategy, TimeSpan.Zero, skipped: true, null);
        report.AddSkipped(definition.Name, message);
    }

    private async Task ExecuteTaskAsync(ICakeContext context, TaskDefinition definition, IFrostingTask task, IExecutionStrategy strategy, CakeReport report, TaskScope scope)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            PerformTaskSetup(context, definition, strategy, skipped: false);
        }
        catch
        {
            report.AddFailed(definition.Name, stopwatch.Elapsed);
            throw;
        }

        Exception? taskException = null;
        try
        {
            await strategy.ExecuteAsync(definition, task, context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            log.Error("An error occurred when executing task '{0}'.", definition.Name);
            taskException = exception;
            if (!definition.HasErrorHandler)
            {
                throw;
            }

            HandleErrors(context, task, strategy, exception);
        }
        finally
        {
            if (definition.HasFinally)
            {
                strategy.InvokeFinally(() => task.Finally(context));
            }

            PerformTaskTeardown(context, definition, strategy, stopwatch.Elapsed, skipped: false, taskException);
            log.Verbose("Completed in {0}", stopwatch.Elapsed);
            if (taskException is not null)
            {
                report.AddFailed(definition.Name, stopwatch.Elapsed);
            }
            else if (scope.CachedReason is { } reason)
            {
                report.AddCached(definition.Name, stopwatch.Elapsed, reason);
            }
            else if (!definition.HasAction)
            {
                report.AddDelegated(definition.Name, stopwatch.Elapsed);
            }
            else
            {
                report.Add(definition.Name, CakeReportEntryCategory.Task, stopwatch.Elapsed);
            }
        }
    }

    private void HandleErrors(ICakeContext context, IFrostingTask task, IExecutionStrategy strategy, Exception exception)
    {
        try
        {
            strategy.HandleErrors(() => task.OnError(exception, context));
        }
        catch (Exception handlerException)
        {
            if (!ReferenceEquals(handlerException, exception))
            {
                log.Error("Error: {0}", exception.Message);
            }

            throw;
        }
    }

    private void PerformTaskSetup(ICakeContext context, TaskDefinition definition, IExecutionStrategy strategy, bool skipped)
    {
        if (hooks.TaskSetup is not { } taskSetup)
        {
            return;
        }

        try
        {
            strategy.PerformTaskSetup(() => taskSetup.Setup(context, new TaskSetupContext(definition)));
        }
        catch (Exception exception)
        {
            PerformTaskTeardown(context, definition, strategy, TimeSpan.Zero, skipped, exception);
            throw;
        }
    }

    private void PerformTaskTeardown(ICakeContext context, TaskDefinition definition, IExecutionStrategy strategy, TimeSpan duration, bool skipped, Exception? taskException)
    {
        if (hooks.TaskTeardown is not { } taskTeardown)
        {
            return;
        }

        try
        {
            strategy.PerformTaskTeardown(() => taskTeardown.Teardown(context, new TaskTeardownContext(definition, duration, skipped, taskException)));
        }
        catch (Exception ex)
        {
            log.Error("An error occurred in the custom task teardown action ({0}).", definition.Name);
            if (taskException is null)
            {
                throw;
            }

            log.Error("Task Teardown error ({0}): {1}", definition.Name, ex.ToString());
        }
    }

    private string? ResolveLogDirectory(ICakeContext context)
    {
        lock (_logDirectoryLock)
        {
            if (!_logDirectoryResolved)
            {
                _logDirectoryResolved = true;
                try
                {
                    if (logDirectory?.Invoke(context) is { } directory)
                    {
                        _logDirectory = Path.GetFullPath(directory, context.Environment.WorkingDirectory);
                    }
                }
                catch (Exception ex)
                {
                    log.Warning("Task log files are off: {0}", ex.Message);
                }
            }

            return _logDirectory;
        }
    }
}
