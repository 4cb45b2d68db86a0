namespace Hyperbake.Host;

/// <summary>The <c>--help</c> text, in the shape of Frosting's (usage, examples, options).</summary>
internal static class HelpText
{
    public static void Write(TextWriter output, string application)
    {
        output.WriteLine("USAGE:");
        output.WriteLine($"    {application} [OPTIONS]");
        output.WriteLine();
        output.WriteLine("EXAMPLES:");
        output.WriteLine($"    {application}");
        output.WriteLine($"    {application} --verbosity quiet");
        output.WriteLine($"    {application} --tree");
        output.WriteLine();
        output.WriteLine("OPTIONS:");
        output.WriteLine("    -t, --target <TARGET>        The task to run (repeatable; targets run in order). Default: Default");
        output.WriteLine("    -v, --verbosity <VERBOSITY>  quiet, minimal, normal, verbose or diagnostic (or q, m, n, v, d). Default: normal");
        output.WriteLine("    -w, --working <PATH>         The working directory");
        output.WriteLine("    -e, --exclusive              Run the target only, without its dependencies");
        output.WriteLine("        --dryrun                 List the tasks that would run (also --noop, --whatif)");
        output.WriteLine("        --tree                   Show the task dependency tree (also --showtree)");
        output.WriteLine("        --description            Show the tasks and their descriptions (also --descriptions, --showdescription)");
        output.WriteLine("        --parallel[=N]           Run up to N independent tasks at once. Default: the number of cores");
        output.WriteLine("        --graph[=dot]            Print the task graph in Graphviz dot and exit");
        output.WriteLine("        --version                Print the version and exit (also --ver)");
        output.WriteLine("        --info                   Print information about the host and exit");
        output.WriteLine("    -h, --help                   Print this help and exit");
        output.WriteLine();
        output.WriteLine("Any other --name=value (or --name value) is passed to the build as an argument and overrides");
        output.WriteLine("the configuration key of the same name (for example --paths_dist=out).");
    }
}
