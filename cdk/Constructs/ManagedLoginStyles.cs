using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace CognitoStack.Cdk.Constructs;

/// <summary>One image of a managed login style, already checked (type, size) and Base64-encoded.</summary>
/// <param name="Category">Where it appears, e.g. <c>FORM_LOGO</c>.</param>
/// <param name="ColorMode"><c>LIGHT</c>, <c>DARK</c> or <c>DYNAMIC</c>.</param>
/// <param name="Extension"><c>PNG</c>, <c>JPEG</c>, <c>SVG</c>, <c>WEBP</c> or <c>ICO</c>.</param>
/// <param name="Base64">The file.</param>
public sealed record ManagedLoginImage(string Category, string ColorMode, string Extension, string Base64);

/// <summary>Props of <see cref="ManagedLoginStyles"/>.</summary>
public sealed record ManagedLoginStylesProps
{
    /// <summary>The pool whose domains serve managed login.</summary>
    public required IUserPool UserPool { get; init; }

    /// <summary>The clients to style, by a stable name that becomes part of each style's construct ID.</summary>
    public required IReadOnlyDictionary<string, IUserPoolClient> Clients { get; init; }

    /// <summary>The managed login settings document (JSON object text). Null: Cognito's own look.</summary>
    public string? Settings { get; init; }

    /// <summary>Images of the style; only with <see cref="Settings"/>.</summary>
    public IReadOnlyList<ManagedLoginImage> Images { get; init; } = [];

    /// <summary>What the styles wait for: the domains that serve them.</summary>
    public required IReadOnlyList<IDependable> Domains { get; init; }
}

/// <summary>
/// A managed login style (<c>AWS::Cognito::ManagedLoginBranding</c>) for each client, so managed login pages
/// render for it: Cognito's look, or a settings document with images from the repository. aws-cdk-lib 2.160
/// has no class for the resource; its properties follow the CloudFormation registry spec.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-managedloginbranding.html
/// </summary>
public sealed class ManagedLoginStyles : Construct
{
    /// <summary>Creates one style per client.</summary>
    public ManagedLoginStyles(Construct scope, string id, ManagedLoginStylesProps props)
        : base(scope, id)
    {
        var look = Look(props);
        Styles = props.Clients.ToDictionary(c => c.Key, c =>
        {
            var style = new CfnResource(this, $"{c.Key}Style", new CfnResourceProps
            {
                Type = "AWS::Cognito::ManagedLoginBranding",
                Properties = new Dictionary<string, object>(look)
                {
                    ["UserPoolId"] = props.UserPool.UserPoolId,
                    ["ClientId"] = c.Value.UserPoolClientId,
                },
            });
            style.Node.AddDependency([.. props.Domains]);
            return style;
        }, StringComparer.Ordinal);
    }

    /// <summary>The style of each client, by the name it was given.</summary>
    public IReadOnlyDictionary<string, CfnResource> Styles { get; }

    /// <summary>Cognito's own look, or the settings and images (which exclude <c>UseCognitoProvidedValues</c>).</summary>
    private static Dictionary<string, object> Look(ManagedLoginStylesProps props)
    {
        if (props.Settings is null)
        {
            return new() { ["UseCognitoProvidedValues"] = true };
        }

        using var document = JsonDocument.Parse(props.Settings);
        var look = new Dictionary<string, object> { ["Settings"] = Plain(document.RootElement) };
        if (props.Images.Count > 0)
        {
            look["Assets"] = props.Images.Select(i => new Dictionary<string, object>
            {
                ["Category"] = i.Category,
                ["ColorMode"] = i.ColorMode,
                ["Extension"] = i.Extension,
                ["Bytes"] = i.Base64,
            }).ToArray();
        }

        return look;
    }

    /// <summary>JSON as plain values the CDK can render (objects keep their key order, so synth stays deterministic).</summary>
    private static object Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToArray(),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidOperationException($"JSON null at {value} has no CloudFormation form; leave the key out"),
    };
}
