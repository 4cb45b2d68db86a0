namespace Hyperbake.Boot.Grub;

/// <summary>One boot entry: a kernel, an initrd and a command line, read from the partition GRUB searched for.</summary>
public sealed record GrubMenuEntry(string Title, string KernelPath, string? InitrdPath, string CommandLine);
