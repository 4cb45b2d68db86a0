using System.Text;

namespace Hyperbake.Boot.ImageBuilder.Config;

/// <summary>
/// Reads the part of bash an ImageBuilder config uses, without running a shell: assignments
/// <c>NAME=value</c> and <c>NAME[i]=value</c> (also <c>+=</c> and a leading <c>export</c>), several
/// per line separated by blanks or <c>;</c>, single and double quotes, backslash escapes and
/// line continuations, <c>$NAME</c>/<c>${NAME}</c>/<c>${NAME[i]}</c>/<c>${NAME:-word}</c> expansion,
/// comments and blank lines. Anything else (commands, <c>$( )</c>, backquotes, arrays in
/// parentheses, conditionals) is rejected with the line, because its effect cannot be known
/// without running it.
/// </summary>
public sealed class ShellConfigReader
{
    private readonly string _text;
    private readonly string _origin;
    private readonly ShellVariables _variables;
    private readonly Func<string, string?> _environment;
    private int _pos;
    private int _line = 1;

    private ShellConfigReader(string text, string origin, ShellVariables variables, Func<string, string?> environment)
    {
        _text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        _origin = origin;
        _variables = variables;
        _environment = environment;
    }

    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="environment"/> answers <c>$NAME</c> for
    /// names the config has not assigned (the process environment when sourced by bash).
    /// </summary>
    public static ShellVariables Read(string text, string origin, Func<string, string?>? environment = null)
    {
        var variables = new ShellVariables();
        new ShellConfigReader(text, origin, variables, environment ?? (_ => null)).ReadAll();
        return variables;
    }

    private void ReadAll()
    {
        while (true)
        {
            SkipBlanks();
            if (AtEnd)
            {
                return;
            }

            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                continue;
            }

            if (c == ';')
            {
                _pos++;
                continue;
            }

            if (c == '#')
            {
                while (!AtEnd && _text[_pos] != '\n')
                {
                    _pos++;
                }

                continue;
            }

            ReadStatement();
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private void SkipBlanks()
    {
        while (!AtEnd)
        {
            if (_text[_pos] is ' ' or '\t')
            {
                _pos++;
            }
            else if (_text[_pos] == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n')
            {
                _pos += 2;
                _line++;
            }
            else
            {
                break;
            }
        }
    }

    private void ReadStatement()
    {
        var line = _line;
        var name = ReadName();
        if (name == "export" && !AtEnd && _text[_pos] is ' ' or '\t')
        {
            SkipBlanks();
            name = ReadName();
        }

        if (name.Length == 0)
        {
            throw Error(line, $"expected NAME=value, found '{RestOfLine()}'");
        }

        var index = 0;
        if (!AtEnd && _text[_pos] == '[')
        {
            _pos++;
            var close = _text.IndexOf(']', _pos);
            if (close < 0 || _text.IndexOf('\n', _pos) is var nl && nl >= 0 && nl < close)
            {
                throw Error(line, $"unterminated index in '{name}['");
            }

            var indexText = Expand(_text[_pos..close], line);
            try
            {
                index = checked((int)ShellArithmetic.Evaluate(indexText, Lookup));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw Error(line, $"index '{indexText}' of {name} is not a number: {e.Message}");
            }

            if (index < 0)
            {
                throw Error(line, $"index {index} of {name} is negative");
            }

            _pos = close + 1;
        }

        var append = false;
        if (!AtEnd && _text[_pos] == '+' && _pos + 1 < _text.Length && _text[_pos + 1] == '=')
        {
            append = true;
            _pos++;
        }

        if (AtEnd || _text[_pos] != '=')
        {
            throw Error(line, $"'{name}' is not followed by '='; only variable assignments are supported (found '{RestOfLine(line)}')");
        }

        _pos++;
        if (!AtEnd && _text[_pos] == '(')
        {
            throw Error(line, $"array assignment {name}=( … ) is not supported; write one {name}[i]=value per element");
        }

        var value = ReadWord(line);
        if (append)
        {
            value = _variables.Text(name, index) + value;
        }

        _variables.Set(name, index, new ShellValue(value, new ConfigSource(_origin, line)));

        // What may follow an assignment: blanks, then the end of the line, ';', a comment or
        // another assignment. A command word would make bash run a program.
        SkipBlanks();
        if (!AtEnd && _text[_pos] is not ('\n' or ';' or '#') && !LooksLikeAssignment())
        {
            throw Error(_line, $"'{RestOfLine()}' after the assignment of {name} is a command; only assignments are supported");
        }
    }

    private bool LooksLikeAssignment()
    {
        var save = _pos;
        var name = ReadName();
        var ok = name.Length > 0 && !AtEnd && _text[_pos] is '=' or '[' or '+';
        _pos = save;
        return ok;
    }

    private string ReadName()
    {
        var start = _pos;
        if (!AtEnd && (char.IsAsciiLetter(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
        }

        return _text[start.._pos];
    }

    private string ReadWord(int line)
    {
        var sb = new StringBuilder();
        while (!AtEnd)
        {
            var c = _text[_pos];
            switch (c)
            {
                case ' ' or '\t' or '\n' or ';':
                    return sb.ToString();
                case '\'':
                    {
                        var close = _text.IndexOf('\'', _pos + 1);
                        if (close < 0)
                        {
                            throw Error(line, "unterminated single quote");
                        }

                        var literal = _text[(_pos + 1)..close];
                        _line += literal.Count(ch => ch == '\n');
                        sb.Append(literal);
                        _pos = close + 1;
                        break;
                    }

                case '"':
                    _pos++;
                    ReadDoubleQuoted(sb, line);
                    break;
                case '\\':
                    if (_pos + 1 < _text.Length)
                    {
                        if (_text[_pos + 1] == '\n')
                        {
                            _line++;
                        }
                        else
                        {
                            sb.Append(_text[_pos + 1]);
                        }

                        _pos += 2;
                    }
                    else
                    {
                        _pos++;
                    }

                    break;
                case '$':
                    sb.Append(ReadExpansion(line));
                    break;
                case '`' or '(' or ')' or '|' or '&' or '<' or '>':
                    throw Error(line, $"'{c}' is shell syntax that needs running a shell; only plain values, quotes and $VAR expansion are supported");
                default:
                    sb.Append(c);
                    _pos++;
                    break;
            }
        }

        return sb.ToString();
    }

    private void ReadDoubleQuoted(StringBuilder sb, int line)
    {
        while (true)
        {
            if (AtEnd)
            {
                throw Error(line, "unterminated double quote");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return;
            }

            if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] is '$' or '`' or '"' or '\\' or '\n')
            {
                if (_text[_pos + 1] == '\n')
                {
                    _line++;
                }
                else
                {
                    sb.Append(_text[_pos + 1]);
                }

                _pos += 2;
                continue;
            }

            if (c == '$')
            {
                sb.Append(ReadExpansion(line));
                continue;
            }

            if (c == '`')
            {
                throw Error(line, "command substitution with backquotes is not supported");
            }

            if (c == '\n')
            {
                _line++;
            }

            sb.Append(c);
            _pos++;
        }
    }

    private string ReadExpansion(int line)
    {
        _pos++; // '$'
        if (AtEnd)
        {
            return "$";
        }

        var c = _text[_pos];
        if (c == '(')
        {
            throw Error(line, "$( … ) command substitution and $(( … )) arithmetic are not supported; write the value itself");
        }

        if (c == '{')
        {
            var close = _text.IndexOf('}', _pos);
            if (close < 0)
            {
                throw Error(line, "unterminated ${");
            }

            var inner = _text[(_pos + 1)..close];
            _pos = close + 1;
            return ExpandBraced(inner, line);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            var name = ReadName();
            return Lookup(name) ?? string.Empty;
        }

        // "$" followed by anything else is a literal dollar sign in bash.
        return "$";
    }

    private string ExpandBraced(string inner, int line)
    {
        var defaultAt = inner.IndexOf(":-", StringComparison.Ordinal);
        var reference = defaultAt >= 0 ? inner[..defaultAt] : inner;
        string? value;
        var bracket = reference.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && reference.EndsWith(']'))
        {
            var name = reference[..bracket];
            var indexText = reference[(bracket + 1)..^1];
            if (!long.TryParse(indexText, out var index) && !ShellArithmetic.TryEvaluate(indexText, Lookup, out index))
            {
                throw Error(line, $"index '{indexText}' in ${{{reference}}} is not a number");
            }

            _variables.MarkReferenced(name);
            value = _variables.Get(name, (int)index)?.Text ?? (index == 0 ? _environment(name) : null);
        }
        else if (IsName(reference))
        {
            value = Lookup(reference);
        }
        else
        {
            throw Error(line, $"${{{inner}}} is not supported; use $NAME, ${{NAME}}, ${{NAME[i]}} or ${{NAME:-default}}");
        }

        if (defaultAt >= 0 && string.IsNullOrEmpty(value))
        {
            return Expand(inner[(defaultAt + 2)..], line);
        }

        return value ?? string.Empty;
    }

    private string Expand(string text, int line)
    {
        if (!text.Contains('$'))
        {
            return text;
        }

        var inner = new ShellConfigReader(text, _origin, _variables, _environment) { _line = line };
        var sb = new StringBuilder();
        while (!inner.AtEnd)
        {
            if (inner._text[inner._pos] == '$')
            {
                sb.Append(inner.ReadExpansion(line));
            }
            else
            {
                sb.Append(inner._text[inner._pos++]);
            }
        }

        return sb.ToString();
    }

    private string? Lookup(string name)
    {
        _variables.MarkReferenced(name);
        return _variables.Get(name)?.Text ?? _environment(name);
    }

    private static bool IsName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');

    private string RestOfLine(int? fromLine = null)
    {
        _ = fromLine;
        var end = _text.IndexOf('\n', _pos);
        return (end < 0 ? _text[_pos..] : _text[_pos..end]).Trim();
    }

    private ImageBuilderConfigException Error(int line, string message) =>
        new([new ConfigDiagnostic(ConfigSeverity.Error, null, new ConfigSource(_origin, line), message)]);
}
