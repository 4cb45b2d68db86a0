using System.Globalization;

namespace Hyperbake.Boot.ImageBuilder.Config;

/// <summary>
/// Bash arithmetic (<c>$(( … ))</c>) on 64-bit signed integers, enough for what ImageBuilder
/// does with config values: literals (decimal, <c>0x</c> hex, leading-0 octal, <c>base#n</c>),
/// variable names (evaluated recursively; unset or empty is 0), unary <c>+ - ! ~</c>,
/// <c>** * / % + - &lt;&lt; &gt;&gt;</c>, comparisons, <c>&amp; ^ | &amp;&amp; ||</c> and parentheses.
/// ImageBuilder pastes the text of a variable into an expression, so callers build the
/// expression text the same way (<c>"$MEMORY_START + 2097152"</c>).
/// </summary>
public sealed class ShellArithmetic
{
    private readonly Func<string, string?> _lookup;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private ShellArithmetic(string text, Func<string, string?> lookup, int depth)
    {
        _text = text;
        _lookup = lookup;
        _depth = depth;
    }

    public static long Evaluate(string expression, Func<string, string?>? lookup = null) =>
        Evaluate(expression, lookup ?? (_ => null), 0);

    public static bool TryEvaluate(string expression, Func<string, string?>? lookup, out long value)
    {
        try
        {
            value = Evaluate(expression, lookup);
            return true;
        }
        catch (FormatException)
        {
            value = 0;
            return false;
        }
    }

    private static long Evaluate(string expression, Func<string, string?> lookup, int depth)
    {
        if (depth > 32)
        {
            throw new FormatException($"Arithmetic expression '{expression}' refers to itself.");
        }

        var p = new ShellArithmetic(expression, lookup, depth);
        p.SkipSpace();
        if (p._pos == p._text.Length)
        {
            return 0;
        }

        var v = p.ParseOr();
        p.SkipSpace();
        if (p._pos != p._text.Length)
        {
            throw new FormatException($"'{expression}' is not a valid arithmetic expression (unexpected '{p._text[p._pos..]}').");
        }

        return v;
    }

    private long ParseOr()
    {
        var v = ParseAnd();
        while (Accept("||"))
        {
            var r = ParseAnd();
            v = (v != 0 || r != 0) ? 1 : 0;
        }

        return v;
    }

    private long ParseAnd()
    {
        var v = ParseBitOr();
        while (Accept("&&"))
        {
            var r = ParseBitOr();
            v = (v != 0 && r != 0) ? 1 : 0;
        }

        return v;
    }

    private long ParseBitOr()
    {
        var v = ParseBitXor();
        while (!Peek("||") && Accept("|"))
        {
            v |= ParseBitXor();
        }

        return v;
    }

    private long ParseBitXor()
    {
        var v = ParseBitAnd();
        while (Accept("^"))
        {
            v ^= ParseBitAnd();
        }

        return v;
    }

    private long ParseBitAnd()
    {
        var v = ParseEquality();
        while (!Peek("&&") && Accept("&"))
        {
            v &= ParseEquality();
        }

        return v;
    }

    private long ParseEquality()
    {
        var v = ParseRelational();
        while (true)
        {
            if (Accept("=="))
            {
                v = v == ParseRelational() ? 1 : 0;
            }
            else if (Accept("!="))
            {
                v = v != ParseRelational() ? 1 : 0;
            }
            else
            {
                return v;
            }
        }
    }

    private long ParseRelational()
    {
        var v = ParseShift();
        while (true)
        {
            if (Accept("<="))
            {
                v = v <= ParseShift() ? 1 : 0;
            }
            else if (Accept(">="))
            {
                v = v >= ParseShift() ? 1 : 0;
            }
            else if (!Peek("<<") && Accept("<"))
            {
                v = v < ParseShift() ? 1 : 0;
            }
            else if (!Peek(">>") && Accept(">"))
            {
                v = v > ParseShift() ? 1 : 0;
            }
            else
            {
                return v;
            }
        }
    }

    private long ParseShift()
    {
        var v = ParseAdditive();
        while (true)
        {
            if (Accept("<<"))
            {
                v <<= (int)(ParseAdditive() & 63);
            }
            else if (Accept(">>"))
            {
                v >>= (int)(ParseAdditive() & 63);
            }
            else
            {
                return v;
            }
        }
    }

    private long ParseAdditive()
    {
        var v = ParseMultiplicative();
        while (true)
        {
            if (Accept("+"))
            {
                v = unchecked(v + ParseMultiplicative());
            }
            else if (Accept("-"))
            {
                v = unchecked(v - ParseMultiplicative());
            }
            else
            {
                return v;
            }
        }
    }

    private long ParseMultiplicative()
    {
        var v = ParsePower();
        while (true)
        {
            if (!Peek("**") && Accept("*"))
            {
                v = unchecked(v * ParsePower());
            }
            else if (Accept("/"))
            {
                var d = ParsePower();
                v = d == 0 ? throw new FormatException($"Division by zero in '{_text}'.") : v / d;
            }
            else if (Accept("%"))
            {
                var d = ParsePower();
                v = d == 0 ? throw new FormatException($"Division by zero in '{_text}'.") : v % d;
            }
            else
            {
                return v;
            }
        }
    }

    private long ParsePower()
    {
        var b = ParseUnary();
        if (Accept("**"))
        {
            var e = ParsePower();
            long r = 1;
            for (long i = 0; i < e; i++)
            {
                r = unchecked(r * b);
            }

            return r;
        }

        return b;
    }

    private long ParseUnary()
    {
        if (Accept("+"))
        {
            return ParseUnary();
        }

        if (Accept("-"))
        {
            return unchecked(-ParseUnary());
        }

        if (Accept("!"))
        {
            return ParseUnary() == 0 ? 1 : 0;
        }

        if (Accept("~"))
        {
            return ~ParseUnary();
        }

        return ParsePrimary();
    }

    private long ParsePrimary()
    {
        SkipSpace();
        if (Accept("("))
        {
            var v = ParseOr();
            if (!Accept(")"))
            {
                throw new FormatException($"Missing ')' in '{_text}'.");
            }

            return v;
        }

        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '#' or '@'))
        {
            _pos++;
        }

        var token = _text[start.._pos];
        if (token.Length == 0)
        {
            throw new FormatException($"'{_text}' is not a valid arithmetic expression.");
        }

        if (char.IsAsciiDigit(token[0]))
        {
            return ParseNumber(token);
        }

        if (token.Contains('#') || token.Contains('@'))
        {
            throw new FormatException($"'{token}' is not a valid arithmetic operand in '{_text}'.");
        }

        var value = _lookup(token);
        return string.IsNullOrWhiteSpace(value) ? 0 : Evaluate(value, _lookup, _depth + 1);
    }

    private long ParseNumber(string token)
    {
        int numberBase;
        string digits;
        var hash = token.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0)
        {
            numberBase = int.Parse(token[..hash], CultureInfo.InvariantCulture);
            digits = token[(hash + 1)..];
        }
        else if (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            numberBase = 16;
            digits = token[2..];
        }
        else if (token.Length > 1 && token[0] == '0')
        {
            numberBase = 8;
            digits = token[1..];
        }
        else
        {
            numberBase = 10;
            digits = token;
        }

        if (numberBase is < 2 or > 64 || digits.Length == 0)
        {
            throw new FormatException($"'{token}' is not a valid number (in '{_text}').");
        }

        long v = 0;
        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => numberBase <= 36 ? c - 'A' + 10 : c - 'A' + 36,
                '@' => 62,
                '_' => 63,
                _ => 99,
            };
            if (d >= numberBase)
            {
                throw new FormatException($"'{token}' is not a valid base-{numberBase} number (in '{_text}').");
            }

            v = unchecked((v * numberBase) + d);
        }

        return v;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool Peek(string op)
    {
        SkipSpace();
        return string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0;
    }

    private bool Accept(string op)
    {
        if (Peek(op))
        {
            _pos += op.Length;
            return true;
        }

        return false;
    }
}
