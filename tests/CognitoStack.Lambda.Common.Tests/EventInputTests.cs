using System.Text;
using CognitoStack.Tests.Shared;

namespace CognitoStack.Lambda.Common.Tests;

public sealed class EventInputTests
{
    [Fact]
    public void Read_Should_ReturnTheBytesInPlace_When_InputIsAMemoryStream()
    {
        var bytes = """{"a":1}"""u8.ToArray();

        var read = EventInput.Read(new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true));

        Assert.Null(read.Problem);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(read.Bytes, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Fact]
    public void Read_Should_StartAtTheCurrentPosition_When_MemoryStreamIsPartlyRead()
    {
        using var input = new MemoryStream([.. "xyz"u8, .. """{"a":1}"""u8]) { Position = 3 };

        var read = EventInput.Read(input);

        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(read.Bytes.Span));
    }

    [Fact]
    public void Read_Should_CopyTheWholeInput_When_InputIsAnotherStream()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 100_000));
        using var input = new BufferedStream(new MemoryStream(bytes));

        var read = EventInput.Read(input);

        Assert.Null(read.Problem);
        Assert.True(read.Bytes.Span.SequenceEqual(bytes));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Should_AcceptTheEvent_When_ItIsExactlyTheLimit(bool memoryStream)
    {
        var bytes = new byte[EventInput.MaxBytes];
        bytes.AsSpan().Fill((byte)' ');

        var read = EventInput.Read(memoryStream ? new MemoryStream(bytes) : new BufferedStream(new MemoryStream(bytes)));

        Assert.Null(read.Problem);
        Assert.Equal(EventInput.MaxBytes, read.Bytes.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Should_RefuseTheEvent_When_ItIsOneByteOverTheLimit(bool memoryStream)
    {
        var bytes = new byte[EventInput.MaxBytes + 1];
        bytes.AsSpan().Fill((byte)' ');

        var read = EventInput.Read(memoryStream ? new MemoryStream(bytes) : new BufferedStream(new MemoryStream(bytes)));

        Assert.Equal($"event is larger than {EventInput.MaxBytes} bytes", read.Problem);
        Assert.True(read.Bytes.IsEmpty);
    }

    [Fact]
    public void MaxBytes_Should_BeLambdasSynchronousPayloadLimit() =>
        Assert.Equal(6_291_456, EventInput.MaxBytes);

    [Fact]
    public void Read_Should_DropTheByteOrderMark_When_TheEventStartsWithOne()
    {
        var read = EventInput.Read(new MemoryStream([0xEF, 0xBB, 0xBF, .. """{"a":1}"""u8]));

        Assert.Null(read.Problem);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(read.Bytes.Span));
    }

    [Fact]
    public void Read_Should_KeepTheBytes_When_AByteOrderMarkIsOnlyInsideTheEvent()
    {
        byte[] bytes = [.. "{\"a\":\""u8, 0xEF, 0xBB, 0xBF, .. "\"}"u8];

        var read = EventInput.Read(new MemoryStream(bytes));

        Assert.True(read.Bytes.Span.SequenceEqual(bytes));
    }

    [Fact]
    public void Read_Should_ReportInvalidUtf8_When_AnyByteSequenceIsInvalid()
    {
        var read = EventInput.Read(new MemoryStream([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));

        Assert.Equal("event is not valid UTF-8", read.Problem);
    }

    [Fact]
    public void Read_Should_ReportTheStream_When_ReadingFails()
    {
        var read = EventInput.Read(new FailingStream());

        Assert.Equal("event could not be read", read.Problem);
    }

    [Fact]
    public void Read_Should_ReturnNoBytes_When_InputIsNull()
    {
        var read = EventInput.Read(null);

        Assert.Null(read.Problem);
        Assert.True(read.Bytes.IsEmpty);
    }
}
