using CognitoStack.Cdk.Bundling;
using CognitoStack.Cdk.Tests.Infrastructure;

namespace CognitoStack.Cdk.Tests.Bundling;

// The Lambda asset hash covers every input of `dotnet publish` and nothing else (issue: stale code shipped
// when only Directory.Build.props or a shared project changed).
public sealed class PublishInputsTests : IDisposable
{
    private const string Project = "src/Fn";

    private readonly string _root = Directory.CreateTempSubdirectory("publish-inputs-").FullName;

    public PublishInputsTests()
    {
        Write("Directory.Build.props", "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");
        Write("Directory.Packages.props", "<Project><ItemGroup><PackageVersion Include=\"A\" Version=\"1.0.0\" /></ItemGroup></Project>");
        Write("global.json", """{ "sdk": { "version": "10.0.100" } }""");
        Write("NuGet.config", "<configuration />");
        Write(".editorconfig", "root = true");
        Write("README.md", "# Repo");
        Write("build/Common.props", "<Project />");
        Write("shared/Extra.cs", "class Extra { }");
        Write("linked/One.cs", "class One { }");
        Write("linked/Sub/Two.cs", "class Two { }");
        Write("src/Fn/Fn.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="../../build/Common.props" />
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
                <Compile Include="../../shared/Extra.cs" />
                <Compile Include="../../linked/**/*.cs" LinkBase="Linked" />
                <Compile Remove="Generated/**" />
                <None Update="appsettings.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        Write("src/Fn/Handler.cs", "class Handler { }");
        Write("src/Fn/appsettings.json", "{}");
        Write("src/Fn/bin/Release/Fn.dll", "binary");
        Write("src/Fn/obj/project.assets.json", "{}");
        Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\Deep\Deep.csproj" /></ItemGroup></Project>""");
        Write("src/Lib/Lib.cs", "class Lib { }");
        Write("src/Lib/obj/Lib.assets.cache", "cache");
        Write("src/Deep/Deep.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Deep/Deep.cs", "class Deep { }");
        Write("src/Other/Other.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Other/Other.cs", "class Other { }");
        Write("tests/Fn.Tests/FnTests.cs", "class FnTests { }");
    }

    public static TheoryData<string> Inputs => new()
    {
        "src/Fn/Handler.cs",
        "src/Fn/Fn.csproj",
        "src/Fn/appsettings.json",
        "src/Lib/Lib.cs",
        "src/Deep/Deep.cs",
        "shared/Extra.cs",
        "linked/One.cs",
        "linked/Sub/Two.cs",
        "build/Common.props",
        "Directory.Build.props",
        "Directory.Packages.props",
        "global.json",
        "NuGet.config",
    };

    public static TheoryData<string> Unrelated => new()
    {
        "README.md",
        ".editorconfig",
        "tests/Fn.Tests/FnTests.cs",
        "src/Other/Other.cs",
        "src/Fn/bin/Release/Fn.dll",
        "src/Fn/obj/project.assets.json",
        "src/Lib/obj/Lib.assets.cache",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hash_Should_Change_When_AnInputOfThePublishChanges(string file)
    {
        var before = Hash();

        File.AppendAllText(Path.Combine(_root, file), " ");

        Assert.NotEqual(before, Hash());
    }

    [Theory]
    [MemberData(nameof(Unrelated))]
    public void Hash_Should_StayTheSame_When_AFileOutsideThePublishChanges(string file)
    {
        var before = Hash();

        File.AppendAllText(Path.Combine(_root, file), " ");

        Assert.Equal(before, Hash());
    }

    [Fact]
    public void Hash_Should_Change_When_AFileIsAddedToAReferencedProject()
    {
        var before = Hash();

        Write("src/Lib/Added.cs", "class Added { }");

        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void Hash_Should_Change_When_AFileIsRenamedWithTheSameContent()
    {
        var before = Hash();

        File.Move(Path.Combine(_root, "src/Lib/Lib.cs"), Path.Combine(_root, "src/Lib/Library.cs"));

        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void Hash_Should_BeTheSame_When_TheRepositoryIsCheckedOutElsewhere()
    {
        var copy = Directory.CreateTempSubdirectory("publish-inputs-copy-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(_root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
                File.SetLastWriteTimeUtc(target, DateTime.UnixEpoch);
            }

            Assert.Equal(Hash(), PublishInputs.HashProject(copy, Project));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Files_Should_ListEveryInputOnceByRelativePathInOrdinalOrder()
    {
        var files = PublishInputs.Files(_root, Project);

        Assert.Equal(
            [
                "Directory.Build.props", "Directory.Packages.props", "NuGet.config", "build/Common.props", "global.json",
                "linked/One.cs", "linked/Sub/Two.cs", "shared/Extra.cs",
                "src/Deep/Deep.cs", "src/Deep/Deep.csproj",
                "src/Fn/Fn.csproj", "src/Fn/Handler.cs", "src/Fn/appsettings.json",
                "src/Lib/Lib.cs", "src/Lib/Lib.csproj",
            ],
            files);
    }

    [Fact]
    public void TriggersAsset_Should_CoverTheCustomMessageFiles()
    {
        // The custom message trigger ships config/messages/*.json: editing a message must redeploy the function.
        var files = PublishInputs.Files(Repository.Root, LambdaCode.TriggersProject);

        Assert.Contains("config/messages/en.json", files);
        Assert.Contains("config/messages/de.json", files);
    }

    [Fact]
    public void Files_Should_NameTheProjectFile_When_AnIncludeUsesAPropertyItCannotResolve()
    {
        Write("src/Fn/Fn.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="$(SharedDir)/x.cs" /></ItemGroup></Project>""");

        var exception = Assert.Throws<InvalidOperationException>(() => PublishInputs.Files(_root, Project));

        Assert.Contains("Fn.csproj", exception.Message, StringComparison.Ordinal);
        Assert.Contains("$(SharedDir)/x.cs", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_Should_ResolveMSBuildThisFileDirectory_When_AnIncludeUsesIt()
    {
        Write("src/Fn/Fn.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="$(MSBuildThisFileDirectory)../../shared/Extra.cs" /></ItemGroup></Project>""");

        Assert.Contains("shared/Extra.cs", PublishInputs.Files(_root, Project));
    }

    [Fact]
    public void Files_Should_Refuse_When_AnInputLiesOutsideTheRepository()
    {
        Write("src/Fn/Fn.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><Compile Include="../../../elsewhere/x.cs" /></ItemGroup></Project>""");

        var exception = Assert.Throws<InvalidOperationException>(() => PublishInputs.Files(_root, Project));

        Assert.Contains("outside the repository", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LambdaCode.BackendProject)]
    [InlineData(LambdaCode.TriggersProject)]
    [InlineData(LambdaCode.UserExportProject)]
    public void Files_Should_CoverTheSharedProjectsAndBuildSettings_When_PublishingARealFunction(string project)
    {
        var files = PublishInputs.Files(Repository.Root, project);

        Assert.Contains(files, f => f.StartsWith(project + "/", StringComparison.Ordinal) && f.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.Contains("src/CognitoStack.Contract/CognitoStack.Contract.csproj", files);
        Assert.Contains("src/CognitoStack.Contract/LambdaHandlers.cs", files);
        Assert.Contains("src/CognitoStack.Lambda.Common/EventInput.cs", files);
        Assert.Contains("Directory.Build.props", files);
        Assert.Contains("Directory.Packages.props", files);
        Assert.Contains("global.json", files);
        Assert.DoesNotContain(files, f => f.StartsWith("tests/", StringComparison.Ordinal) || f.StartsWith("cdk/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
        Assert.DoesNotContain("README.md", files);
        Assert.DoesNotContain(".editorconfig", files);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Hash() => PublishInputs.HashProject(_root, Project);

    private void Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
