using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>Props of <see cref="JwtAuthorizer"/>.</summary>
public sealed record JwtAuthorizerProps
{
    /// <summary>The REST API the authorizer belongs to.</summary>
    public required IRestApi RestApi { get; init; }

    /// <summary>The user pool whose tokens are trusted, under its original and its updated issuer.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The app client ids accepted as audience: an ID token's <c>aud</c>, an access token's <c>client_id</c>.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }
}

/// <summary>
/// A REST API JWT authorizer (API Gateway, November 2026) that trusts the user pool under both of its issuers,
/// so tokens minted before and after a switch to the updated (multi-Region) issuer, and in the replica, pass.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer.html
/// </summary>
/// <remarks>
/// aws-cdk-lib 2.160 and the pinned registry spec (0.1.216) predate <c>JwtConfiguration</c>: it is set by a
/// property override, its names taken from the CloudFormation reference
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-authorizer-jwtconfiguration.html,
/// <c>DefaultAlgorithms</c>, <c>Issuers[].Issuer</c>, <c>Audiences</c>, <c>AdditionalClaims[]</c>) and the API
/// reference (https://docs.aws.amazon.com/apigateway/latest/api/API_JwtIssuerInput.html,
/// https://docs.aws.amazon.com/apigateway/latest/api/API_JwtAdditionalClaim.html); the registry gate lists the
/// property as a documented exception (tools/registry/README.md).
/// </remarks>
public sealed class JwtAuthorizer : Construct
{
    /// <summary>The method-level authorization type of a JWT authorizer.</summary>
    public const string AuthorizationType = "JWT";

    /// <summary>The claim every Cognito ID and access token carries: <c>id</c> or <c>access</c>.</summary>
    public const string TokenUseClaim = "token_use";

    /// <summary>The <see cref="TokenUseClaim"/> values accepted: Cognito ID and access tokens.</summary>
    public static readonly IReadOnlyList<string> TokenUses = ["id", "access"];

    /// <summary>The signing algorithm of Cognito's user pool tokens.</summary>
    public static readonly IReadOnlyList<string> Algorithms = ["RS256"];

    /// <summary>Creates the authorizer.</summary>
    public JwtAuthorizer(Construct scope, string id, JwtAuthorizerProps props)
        : base(scope, id)
    {
        var region = Stack.Of(this).Region;
        Issuers = [OriginalIssuer(region, props.UserPool.UserPoolId), UpdatedIssuer(region, props.UserPool.UserPoolId)];
        Resource = new CfnAuthorizer(this, "Resource", new CfnAuthorizerProps
        {
            Name = Names.UniqueId(this),
            RestApiId = props.RestApi.RestApiId,
            Type = AuthorizationType,
            IdentitySource = "method.request.header.Authorization",
        });
        Resource.AddPropertyOverride("JwtConfiguration", Configuration(Issuers, props.Audiences));
    }

    /// <summary>The trusted issuers: the original, then the updated one.</summary>
    public IReadOnlyList<string> Issuers { get; }

    /// <summary>The authorizer resource.</summary>
    public CfnAuthorizer Resource { get; }

    /// <summary>
    /// <c>https://cognito-idp.REGION.amazonaws.com/POOL</c>, the <c>iss</c> of the <c>ORIGINAL</c> issuer
    /// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html).
    /// </summary>
    public static string OriginalIssuer(string region, string userPoolId) => $"https://cognito-idp.{region}.amazonaws.com/{userPoolId}";

    /// <summary>
    /// <c>https://issuer-cognito-idp.REGION.amazonaws.com/POOL</c>, the <c>iss</c> of the <c>UPDATED</c>
    /// (multi-Region) issuer, the same in every Region of a replicated pool (same page).
    /// </summary>
    public static string UpdatedIssuer(string region, string userPoolId) => $"https://issuer-cognito-idp.{region}.amazonaws.com/{userPoolId}";

    /// <summary>Puts <paramref name="method"/> behind this authorizer, requiring <paramref name="scope"/> when given.</summary>
    public void Protect(Method method, string? scope)
    {
        var cfn = (CfnMethod)method.Node.DefaultChild!;
        cfn.AddPropertyOverride("AuthorizationType", AuthorizationType);
        cfn.AddPropertyOverride("AuthorizerId", Resource.Ref);
        if (scope is not null)
        {
            // Read from the token's scope (or scp) claim; only access tokens carry one
            // (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-jwt-authorizer-methods.html).
            cfn.AddPropertyOverride("AuthorizationScopes", new[] { scope });
        }

        NagSuppressions.Add(cfn, "AwsSolutions-COG4",
            "api.authorizer JWT: a REST API JWT authorizer trusting only this user pool's original and updated issuers verifies the token instead of a COGNITO_USER_POOLS authorizer, which cannot read tokens of the updated issuer.");
    }

    /// <summary>
    /// The <c>JwtConfiguration</c>: Cognito signs with RS256; both issuers accept the same app clients; every
    /// token must be a Cognito ID or access token (<c>token_use</c>).
    /// </summary>
    private static Dictionary<string, object> Configuration(IReadOnlyList<string> issuers, IReadOnlyList<string> audiences) => new()
    {
        ["DefaultAlgorithms"] = Algorithms.ToArray(),
        ["Issuers"] = issuers.Select(issuer => new Dictionary<string, object>
        {
            ["Issuer"] = issuer,
            ["Audiences"] = audiences.ToArray(),
            ["AdditionalClaims"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["ClaimName"] = TokenUseClaim,
                    ["Format"] = "SINGLE_STRING",
                    ["Required"] = true,
                    ["ExpectedValues"] = TokenUses.ToArray(),
                },
            },
        }).ToArray(),
    };
}
