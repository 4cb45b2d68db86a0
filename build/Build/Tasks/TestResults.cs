using System.Globalization;
using System.Xml.Linq;

namespace Build.Tasks;

/// <summary>Adds up the counters of the TRX files <c>dotnet test --logger trx</c> wrote.</summary>
public static class TestResults
{
    public static (int Passed, int Failed, int Skipped) Count(string directory)
    {
        int passed = 0, failed = 0, skipped = 0;
        if (!Directory.Exists(directory))
        {
            return (0, 0, 0);
        }

        foreach (var trx in Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(trx).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null)
            {
                continue;
            }

            int Get(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0", CultureInfo.InvariantCulture);
            passed += Get("passed");
            failed += Get("failed") + Get("error") + Get("timeout") + Get("aborted");
            skipped += Get("notExecuted");
        }

        return (passed, failed, skipped);
    }
}
