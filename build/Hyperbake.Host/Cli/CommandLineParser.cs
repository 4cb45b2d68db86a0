using System.Globalization;

namespace Hyperbake.Host;

/// <summary>
/// Parses Frosting's command line. <c>--name=value</c> and <c>--name value</c> are the same; a switch
/// the host does not know becomes an argument (a bare switch has the value <c>true</c>).
/// </summary>
internal static class CommandLineParser
{
    public static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CommandLineOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token.Length < 2 || token[0] != '-' || token == "--")
            {
                throw new FrostingException($"Unexpected argument '{token}'. Options start with -- (for example --target={token}).");
            }

            var body = token.StartsWith("--", StringComparison.Ordinal) ? token[2..] : token[1..];
            var shortForm = !token.StartsWith("--", StringComparison.Ordinal);
            string? inline = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inline = body[(equals + 1)..];
                body = body[..equals];
            }

            string NextValue()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 < args.Count && !IsOption(args[i + 1]))
                {
                    return args[++i];
                }

                throw new FrostingException($"The option {token} needs a value, for example {token}=<value>.");
            }

            string? OptionalValue(Func<string, bool> accepts)
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 < args.Count && !IsOption(args[i + 1]) && accepts(args[i + 1]))
                {
                    return args[++i];
                }

                return null;
            }

            bool Flag() => inline is null || ParseBool(token, inline);

            switch (Canonical(body, shortForm))
            {
                case "target":
                    options.Targets.Add(NextValue());
                    break;
                case "verbosity":
                    options.Verbosity = ParseVerbosity(NextValue());
                    break;
                case "working":
                    options.WorkingDirectory = NextValue();
                    break;
                case "dryrun":
                    options.DryRun = Flag();
                    break;
                case "tree":
                    options.Tree = Flag();
                    break;
                case "description":
                    options.Description = Flag();
                    break;
                case "exclusive":
                    options.Exclusive = Flag();
                    break;
                case "version":
                    options.Version = Flag();
                    break;
                case "info":
                    options.Info = Flag();
                    break;
                case "help":
                    options.Help = Flag();
                    break;
                case "parallel":
                    options.Parallel = ParseParallel(OptionalValue(v => int.TryParse(v, out _)));
                    break;
                case "graph":
                    options.Graph = OptionalValue(v => v.Equals("dot", StringComparison.OrdinalIgnoreCase)) ?? "dot";
                    break;
                default:
                    if (body.Length == 0)
                    {
                        throw new FrostingException($"Unexpected argument '{token}'.");
                    }

                    var value = inline ?? (i + 1 < args.Count && !IsOption(args[i + 1]) ? args[++i] : "true");
                    options.Arguments.Add(new(body, value));
                    break;
            }
        }

        return options;
    }

    public static Verbosity ParseVerbosity(string value) => value.ToLowerInvariant() switch
    {
        "quiet" or "q" => Verbosity.Quiet,
        "minimal" or "m" => Verbosity.Minimal,
        "normal" or "n" => Verbosity.Normal,
        "verbose" or "v" => Verbosity.Verbose,
        "diagnostic" or "d" => Verbosity.Diagnostic,
        _ => throw new FrostingException($"The value '{value}' is not a valid verbosity. Use quiet, minimal, normal, verbose or diagnostic."),
    };

    private static int ParseParallel(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            throw new FrostingException($"--parallel={value} is not a positive number of tasks. Use for example --parallel=1 to run one task at a time.");
        }

        return n;
    }

    private static bool ParseBool(string token, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "" => true,
        "false" or "0" or "no" => false,
        _ => throw new FrostingException($"The option {token} takes no value other than true or false."),
    };

    // Values may themselves start with a dash only when written inline (--name=-x).
    private static bool IsOption(string token) => token.Length > 1 && token[0] == '-';

    private static string? Canonical(string name, bool shortForm)
    {
        if (shortForm)
        {
            return name switch
            {
                "t" => "target",
                "v" => "verbosity",
                "w" => "working",
                "e" => "exclusive",
                "h" => "help",
                _ => null,
            };
        }

        return name.ToLowerInvariant() switch
        {
            "target" => "target",
            "verbosity" => "verbosity",
            "working" => "working",
            "dryrun" or "noop" or "whatif" => "dryrun",
            "tree" or "showtree" => "tree",
            "description" or "descriptions" or "showdescription" or "showdescriptions" => "description",
            "exclusive" => "exclusive",
            "version" or "ver" => "version",
            "info" => "info",
            "help" => "help",
            "parallel" => "parallel",
            "graph" => "graph",
            _ => null,
        };
    }
}
