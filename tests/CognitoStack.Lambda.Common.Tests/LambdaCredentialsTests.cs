using CognitoStack.Lambda.Common.Aws;
using CognitoStack.Tests.Credentials;

namespace CognitoStack.Lambda.Common.Tests;

// LambdaCredentials against the process environment as Lambda sets it: access key variables (no SnapStart) or only
// the container-credentials variables (SnapStart), served by a loopback endpoint.
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class LambdaCredentialsTests : IDisposable
{
    private readonly ContainerCredentialsEndpoint _endpoint = new();

    public void Dispose() => _endpoint.Dispose();

    [Fact]
    public void GetCredentials_Should_ReadTheAccessKeyVariables_When_LambdaSetsThem()
    {
        using var environment = ProcessEnvironment.AccessKeys();

        var credentials = new LambdaCredentials().GetCredentials();

        Assert.Equal("AKIDEXAMPLE", credentials.AccessKeyId);
        Assert.Equal("env-session-token", credentials.SessionToken);
        Assert.Equal(0, _endpoint.Requests);
    }

    [Fact]
    public void GetCredentials_Should_AskTheContainerEndpointWithTheToken_When_OnlyContainerVariablesAreSet()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);
        var source = new LambdaCredentials();

        var first = source.GetCredentials();
        var second = source.GetCredentials();

        Assert.Equal(ContainerCredentialsEndpoint.AccessKeyId(1), first.AccessKeyId);
        Assert.Equal("container-session-token-1", first.SessionToken);
        Assert.Equal(first.AccessKeyId, second.AccessKeyId);
        Assert.Equal(1, _endpoint.Requests);
        Assert.Equal(0, _endpoint.Refused);
    }

    [Fact]
    public async Task GetCredentialsAsync_Should_AskTheContainerEndpoint_When_OnlyContainerVariablesAreSet()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);

        var credentials = await new LambdaCredentials().GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(ContainerCredentialsEndpoint.AccessKeyId(1), credentials.AccessKeyId);
    }

    [Fact]
    public void GetCredentials_Should_ReadTheTokenFile_When_TheTokenComesAsAFile()
    {
        var tokenFile = Path.GetTempFileName();
        File.WriteAllText(tokenFile, ContainerCredentialsEndpoint.Token);
        try
        {
            using var environment = new ProcessEnvironment(new Dictionary<string, string>
            {
                ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _endpoint.Url,
                ["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile,
            });

            Assert.Equal(ContainerCredentialsEndpoint.AccessKeyId(1), new LambdaCredentials().GetCredentials().AccessKeyId);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public void GetCredentials_Should_FetchNewCredentials_When_TheOldOnesHaveExpired()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);
        _endpoint.Lifetime = TimeSpan.FromSeconds(2);
        var source = new LambdaCredentials();

        var before = source.GetCredentials();
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        var after = source.GetCredentials();

        Assert.Equal(ContainerCredentialsEndpoint.AccessKeyId(1), before.AccessKeyId);
        Assert.Equal(ContainerCredentialsEndpoint.AccessKeyId(2), after.AccessKeyId);
    }

    [Fact]
    public void GetCredentials_Should_Refuse_When_LambdaGaveNoCredentials()
    {
        using var environment = new ProcessEnvironment();
        var source = new LambdaCredentials();

        var error = Assert.Throws<AwsCredentialsException>(source.GetCredentials);

        Assert.Equal("MissingCredentials", error.ErrorType);
        Assert.Equal(LambdaCredentials.MissingMessage, error.Message);
        Assert.False(source.Resolved);
    }

    [Fact]
    public void GetCredentials_Should_Refuse_When_TheEndpointIsPlainHttpOffLoopback()
    {
        using var environment = new ProcessEnvironment(new Dictionary<string, string>
        {
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://credentials.example.com/2018-06-01/credentials",
            ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = ContainerCredentialsEndpoint.Token,
        });

        var error = Assert.Throws<AwsCredentialsException>(new LambdaCredentials().GetCredentials);

        Assert.Equal("InvalidCredentialsEndpoint", error.ErrorType);
    }

    [Fact]
    public void GetCredentials_Should_Refuse_When_TheEndpointRefusesTheToken()
    {
        using var environment = new ProcessEnvironment(new Dictionary<string, string>
        {
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _endpoint.Url,
            ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong-token",
        });

        var error = Assert.Throws<AwsCredentialsException>(new LambdaCredentials().GetCredentials);

        Assert.Equal("CredentialsUnavailable", error.ErrorType);
        Assert.DoesNotContain("wrong-token", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _endpoint.Issued);
    }

    [Fact]
    public void Constructor_Should_ResolveNothing_When_CreatedBeforeTheSnapshot()
    {
        using var environment = ProcessEnvironment.Container(_endpoint);

        var source = new LambdaCredentials();

        Assert.False(source.Resolved);
        Assert.Equal(0, _endpoint.Requests);
    }
}
