// A real OpenID Connect provider for the sign-in tests (node's oidc-provider, 9.x), on a loopback
// port. Started by OidcSignInIT; prints "OIDC provider ready at <issuer>" once it listens.
//
// Environment: OIDC_PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI.
// Anyone may sign in with any password; the login name picks the person and their groups:
//   ann.admin -> gangway-admins, abe.auditor -> gangway-auditors, vic.viewer -> gangway-viewers,
//   nora.nobody -> staff (no Gangway role). The groups claim comes with the "groups" scope.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 0);
const issuer = `http://127.0.0.1:${port}`;
const GROUPS = {
  'ann.admin': ['staff', 'gangway-admins'],
  'abe.auditor': ['staff', 'gangway-auditors'],
  'vic.viewer': ['gangway-viewers'],
  'nora.nobody': ['staff'],
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    post_logout_redirect_uris: [process.env.POST_LOGOUT_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  // Gangway must use PKCE even though it is a confidential client.
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@example.com`, email_verified: true, name: id.replace('.', ' '), groups: GROUPS[id] || [] };
      },
    };
  },
  cookies: { keys: ['gangway-test-only-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
});
provider.proxy = false;

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`OIDC provider ready at ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
