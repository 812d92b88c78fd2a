using System.Net;
using System.Net.Sockets;
using System.Text;
using CognitoStack.Contract;
using CognitoStack.Triggers.Tests.Helpers;
using static CognitoStack.Triggers.Tests.Helpers.TestEvents;

namespace CognitoStack.Triggers.Tests;

public sealed class HandlerContractTests
{
    [Theory]
    [InlineData(typeof(PreTokenGeneration), LambdaHandlers.PreTokenGeneration)]
    [InlineData(typeof(PostConfirmation), LambdaHandlers.PostConfirmation)]
    [InlineData(typeof(PreSignUp), LambdaHandlers.PreSignUp)]
    [InlineData(typeof(CustomMessage), LambdaHandlers.CustomMessage)]
    [InlineData(typeof(InboundFederation), LambdaHandlers.InboundFederation)]
    public void Handler_Should_MatchTheLambdaHandlerString_When_TheRuntimeLoadsIt(Type handler, string handlerString)
    {
        // The CDK app deploys the contract's handler string; the runtime needs a public parameterless
        // constructor and a public Stream Handle(Stream).
        var handle = handler.GetMethod(nameof(PreTokenGeneration.Handle), [typeof(Stream)]);

        Assert.Equal($"{handler.Assembly.GetName().Name}::{handler.FullName}::{handle?.Name}", handlerString);
        Assert.NotNull(handler.GetConstructor(Type.EmptyTypes));
        Assert.Equal(typeof(Stream), handle?.ReturnType);
    }

    [Fact]
    public async Task PostConfirmation_Should_PutTheSignedHeadersOnTheWireUnchanged_When_SentOverARealSocket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = ReceiveOneRequest(listener);
        using var http = new HttpClient(new LoopbackRedirect(port)) { Timeout = TimeSpan.FromSeconds(30) };

        TestTriggers.PostConfirmation(http).Send(Load(ConfirmSignUp));

        var request = await received;
        Assert.Contains("\r\nContent-Type: application/x-amz-json-1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nHost: cognito-idp.eu-west-1.amazonaws.com\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/cognito-idp/aws4_request, ", request, StringComparison.Ordinal);
    }

    private static async Task<string> ReceiveOneRequest(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[64 * 1024];
        var length = 0;
        string text;
        int read;
        do
        {
            read = await stream.ReadAsync(buffer.AsMemory(length));
            length += read;
            text = Encoding.UTF8.GetString(buffer, 0, length);
        }
        while (read > 0 && !text.Contains("\"GroupName\"", StringComparison.Ordinal));

        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"u8.ToArray());
        return text;
    }

    // Sends to the local listener over plain HTTP; the Host header the trigger set (and signed) is kept.
    private sealed class LoopbackRedirect(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri($"http://127.0.0.1:{port}/");
            return base.Send(request, cancellationToken);
        }
    }
}
