namespace Build.Tests.Fixtures;

/// <summary>The checkout the tests run from (the folder holding Hyperbake.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = System.IO.Path.GetDirectoryName(directory))
        {
            if (File.Exists(System.IO.Path.Combine(directory, "Hyperbake.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("Hyperbake.sln was not found above " + AppContext.BaseDirectory);
    }
}
