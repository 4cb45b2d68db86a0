using Build.Stages.Kernel;
using Build.Tasks.Live;
using Hyperbake.Host;

namespace Build.Tasks.Kernel;

[TaskName("KernelBootTest")]
[TaskDescription("Boots the kernel built from source with a busybox initramfs in QEMU (direct kernel boot) and waits for /init's marker")]
[IsDependentOn(typeof(KernelTask))]
public sealed class KernelBootTestTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var inputs = KernelStage.Inputs(context);
        var output = KernelStage.OutputDirectory(context);
        var image = Path.Combine(output, KernelStage.ImageName(inputs));
        var release = File.ReadAllText(Path.Combine(output, KernelStage.ReleaseOutput)).Trim();

        var tools = new KernelTools(context);
        var busyboxPackage = tools.Lock.Get(tools.Settings.DebianSuite, inputs.Arch, "busybox-static");
        var busybox = tools.Feed.Extract(busyboxPackage).Find("bin/busybox")?.Content
            ?? throw new InvalidOperationException($"{busyboxPackage} has no bin/busybox.");
        var initramfs = Path.Combine(context.DistDirectory, "parts", "kernel-boot", KernelBootCheck.InitramfsName);
        KernelBootCheck.WriteInitramfs(busybox, initramfs, context.SourceDateEpoch);

        var accelerator = context.Configuration.GetValue("Qemu_Accel") is { Length: > 0 } accel ? accel : "auto";
        var machine = KernelBootCheck.Machine(inputs.Arch, image, initramfs, accelerator);
        var serialLog = Path.Combine(context.LogDirectory, "boot-kernel.log");
        var timeout = BootTimeout.Of(context);
        context.Log.Information("Booting kernel {0} in {1} (timeout {2} s); serial log: {3}", release, machine.Emulator, (int)timeout.TotalSeconds, serialLog);
        var result = KernelBootCheck.Boot(machine, release, serialLog, timeout, line => context.Log.Verbose("  | {0}", line));
        context.Log.Information("Kernel {0} reached /init's marker after {1:F1} s", release, result.MarkersSeen[KernelBootCheck.Markers(release)[1]].TotalSeconds);
    }
}
