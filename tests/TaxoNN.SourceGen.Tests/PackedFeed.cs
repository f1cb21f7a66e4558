using System.Text.Json;
using TaxoNN.Tests.Shared;

namespace TaxoNN.SourceGen.Tests;

/// <summary>
/// The NuGet packages of the generator and of TaxoNN.Runtime (with the Compiler and Language it depends on), packed
/// once into a folder feed outside the repository, and a place beside it for projects that consume them. Packages
/// come from the feed (TaxoNN.*) or from the machine's package cache (the rest), into a package folder of its own,
/// so that nothing reaches the network and nothing stale or new enters the global cache.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private static readonly string[] Projects =
    [
        "src/Language/TaxoNN.Language.csproj",
        "src/Compiler/TaxoNN.Compiler.csproj",
        "src/Runtime/TaxoNN.Runtime.csproj",
        "src/SourceGen/TaxoNN.SourceGen.csproj",
    ];

    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "taxonn-sourcegen-tests-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        // One pack of the four projects, from the builds this test run already made (the test project references them).
        var filter = Path.Combine(Root, "packages.slnf");
        File.WriteAllText(filter, JsonSerializer.Serialize(new { solution = new { path = Path.Combine(RepositoryPaths.Root, "TaxoNN.sln"), projects = Projects } }));
        Pack = Processes.Run(Processes.Dotnet, ["pack", filter, "-c", Processes.Configuration, "--no-build", "-o", Feed], RepositoryPaths.Root);

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="taxonn" value="{Feed}" />
                <add key="cache" value="{cache}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="taxonn"><package pattern="TaxoNN.*" /></packageSource>
                <packageSource key="cache"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    /// <summary>The folder that holds the feed, the NuGet configuration and the consuming projects.</summary>
    public string Root { get; }

    /// <summary>The folder feed.</summary>
    public string Feed { get; }

    /// <summary>How the pack went.</summary>
    internal ProcessResult Pack { get; }

    /// <summary>
    /// Writes a console project called <paramref name="name"/> that references the two packages as a user would,
    /// with <paramref name="files"/> (relative path to text) beside its project file.
    /// </summary>
    public string WriteProject(string name, IReadOnlyDictionary<string, string> files)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TaxoNN.Runtime" Version="0.1.0" />
                <PackageReference Include="TaxoNN.SourceGen" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return folder;
    }

    /// <summary>Runs <c>dotnet build</c> in <paramref name="folder"/> with the feed's packages folder.</summary>
    internal ProcessResult Build(string folder) =>
        Processes.Run(Processes.Dotnet, ["build", "-c", "Release", "-nologo", "-clp:NoSummary"], folder, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
        });

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
