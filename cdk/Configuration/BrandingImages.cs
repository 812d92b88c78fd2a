using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CognitoStack.Cdk.Configuration;

/// <summary>
/// What Cognito accepts as a managed login image, checked at synth so a bad file never reaches a deploy.
/// Categories, colour modes, file types and the Base64 size limit come from the AssetType reference:
/// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
/// The whole style travels in one request of at most 2 MB:
/// https://docs.aws.amazon.com/cli/v1/reference/cognito-idp/create-managed-login-branding.html
/// </summary>
internal static class BrandingImages
{
    /// <summary>Longest Base64 text of one image (API <c>AssetType.Bytes</c>: 1,000,000 characters).</summary>
    public const int MaxBase64Length = 1_000_000;

    /// <summary>Largest image file: Base64 turns 3 bytes into 4 characters.</summary>
    public const int MaxFileBytes = MaxBase64Length / 4 * 3;

    /// <summary>Largest branding settings plus images in the one CreateManagedLoginBranding request.</summary>
    public const int MaxStyleBytes = 2_000_000;

    /// <summary>Where an image can appear (CloudFormation spelling).</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "FAVICON_ICO", "FAVICON_SVG", "EMAIL_GRAPHIC", "SMS_GRAPHIC", "AUTH_APP_GRAPHIC", "PASSWORD_GRAPHIC",
        "PASSKEY_GRAPHIC", "PAGE_HEADER_LOGO", "PAGE_HEADER_BACKGROUND", "PAGE_FOOTER_LOGO", "PAGE_FOOTER_BACKGROUND",
        "PAGE_BACKGROUND", "FORM_BACKGROUND", "FORM_LOGO", "IDP_BUTTON_ICON",
    ];

    /// <summary>Display modes an image targets.</summary>
    public static readonly IReadOnlyList<string> ColorModes = ["LIGHT", "DARK", "DYNAMIC"];

    /// <summary>File name endings and the CloudFormation <c>Extension</c> each one must hold.</summary>
    private static readonly Dictionary<string, string> Endings = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "PNG",
        [".jpg"] = "JPEG",
        [".jpeg"] = "JPEG",
        [".svg"] = "SVG",
        [".webp"] = "WEBP",
        [".ico"] = "ICO",
    };

    /// <summary>The file types a category takes: a favicon category names its type; the rest take pictures.</summary>
    public static IReadOnlyList<string> TypesFor(string category) => category switch
    {
        "FAVICON_ICO" => ["ICO"],
        "FAVICON_SVG" => ["SVG"],
        _ => ["PNG", "JPEG", "SVG", "WEBP"],
    };

    /// <summary>
    /// The CloudFormation extension of an image, from its name and its first bytes, or the reason it is not
    /// an image Cognito takes.
    /// </summary>
    public static (string? Extension, string? Problem) Identify(string fileName, byte[] bytes)
    {
        if (!Endings.TryGetValue(Path.GetExtension(fileName), out var named))
        {
            return (null, $"name a file ending in {string.Join(", ", Endings.Keys)}");
        }

        var found = Sniff(bytes);
        if (found != named)
        {
            return (null, found is null
                ? $"the file is not a {named} image (its first bytes match no image type Cognito takes)"
                : $"the file ends in {Path.GetExtension(fileName)} but holds a {found} image");
        }

        return named == "SVG" && SvgProblem(bytes) is { } problem ? (null, problem) : (named, null);
    }

    private static string? Sniff(byte[] b)
    {
        if (StartsWith(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "PNG";
        }

        if (StartsWith(b, [0xFF, 0xD8, 0xFF]))
        {
            return "JPEG";
        }

        if (StartsWith(b, [0x00, 0x00, 0x01, 0x00]))
        {
            return "ICO";
        }

        if (b.Length >= 12 && Encoding.ASCII.GetString(b, 0, 4) == "RIFF" && Encoding.ASCII.GetString(b, 8, 4) == "WEBP")
        {
            return "WEBP";
        }

        var head = Encoding.UTF8.GetString(b, 0, Math.Min(b.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && head.Contains("<svg", StringComparison.Ordinal) ? "SVG" : null;
    }

    /// <summary>An SVG must parse as XML with an <c>svg</c> root and carry nothing that runs: no scripts or event handlers.</summary>
    private static string? SvgProblem(byte[] bytes)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return $"the SVG is not well-formed XML ({e.Message})";
        }

        if (document.Root?.Name.LocalName != "svg")
        {
            return "the SVG's root element must be <svg>";
        }

        var active = document.Descendants().FirstOrDefault(e =>
            e.Name.LocalName is "script" or "foreignObject" || e.Attributes().Any(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        return active is null ? null : $"the SVG holds <{active.Name.LocalName}> with script or an event handler; use a static image";
    }

    private static bool StartsWith(byte[] bytes, byte[] prefix) => bytes.AsSpan().StartsWith(prefix);
}
