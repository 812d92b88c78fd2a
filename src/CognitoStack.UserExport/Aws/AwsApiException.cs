namespace CognitoStack.UserExport.Aws;

/// <summary>An AWS API call that failed for good: its operation, HTTP status and error type (never the message, which may quote a user).</summary>
public sealed class AwsApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsApiException(string operation, int? status, string? errorType, Exception? inner = null)
        : base($"{operation} failed: {(status is null ? "no response" : $"HTTP {status}")}{(errorType is null ? string.Empty : $" {errorType}")}", inner)
    {
        Operation = operation;
        Status = status;
        ErrorType = errorType;
    }

    /// <summary>Creates an exception without details (for serializers and analyzers).</summary>
    public AwsApiException()
        : this("request", null, null)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public AwsApiException(string message)
        : base(message)
    {
        Operation = "request";
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public AwsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "request";
    }

    /// <summary>The operation, e.g. <c>ListUsers</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? Status { get; }

    /// <summary>The AWS error type, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string? ErrorType { get; }
}
