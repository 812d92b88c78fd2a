namespace CognitoStack.Restore;

/// <summary>
/// What a restore brings back and what it cannot, printed after every run and with <c>--help</c>: one screen (at most
/// 24 lines of at most 120 characters). The facts are AWS's: a user import job creates users from CSV rows without
/// passwords and assigns each a new <c>sub</c>
/// (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html,
/// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html).
/// </summary>
internal static class RestoreScope
{
    /// <summary>The screen.</summary>
    public const string Screen =
        """
        WHAT COMES BACK (import job: CreateUserImportJob with each users-NNN.csv, then StartUserImportJob)
          + every user with its username and attribute values (standard and custom), email/phone verified flags
          + group memberships (replay-groups.sh; the groups themselves come from cdk.json: deploy them first)
          + disabled users stay disabled (disable-users.sh after the import; an import creates every user enabled)
        WHAT DOES NOT COME BACK
          - passwords: imported users are RESET_REQUIRED; each resets at sign-in with a code sent to a verified
            email or phone (users with neither cannot: unverified-users.txt)
          - sub: the new pool assigns new sub values; data keyed by the old sub must be mapped by username
          - MFA: no factor survives an export (cognito:mfa_enabled is written false, true only in an MFA ON pool);
            TOTP authenticators and passkeys (WebAuthn) are enrolled again
          - remembered devices, sessions and refresh tokens: everyone signs in again
          - federated users and their links to native users (federated-users.txt): they return at their next
            sign-in through their provider; re-link with AdminLinkProviderForUser where you linked them
          - user status (every imported user starts RESET_REQUIRED), creation and last-modified dates
          - identity pool identities: new ids; files under private/<old identity id>/ must be moved
        TIME: this tool took 4 s for 10,000 users (bench/restore/run.sh); each import job takes one file of at most
          500,000 users and 100 MB, one active job per account; AWS publishes no import rate: time a canary job
        """;
}
