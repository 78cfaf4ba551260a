package dev.gangway.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The OpenID Connect relying party, on Nimbus OAuth 2.0 SDK: discovery from the issuer's {@code
 * .well-known/openid-configuration}, the authorization code flow with PKCE (S256), state and nonce,
 * the code exchanged with the client secret, the ID token's signature (issuer's JWKS), issuer,
 * audience, expiry and nonce checked by Nimbus's {@link IDTokenValidator}, then userinfo for claims
 * the ID token leaves out. The discovered metadata is cached per node for an hour (configuration,
 * not state another node needs).
 */
@ApplicationScoped
public class OidcClient {
  private static final Logger LOG = Logger.getLogger(OidcClient.class.getName());
  private static final int TIMEOUT_MS = 5_000;
  private static final Duration REDISCOVER = Duration.ofHours(1);

  private SignInSettings settings;

  protected OidcClient() {}

  @Inject
  OidcClient(SignInSettings settings) {
    this.settings = settings;
  }

  private volatile Provider provider;

  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant at) {}

  /** Why a sign-in did not succeed: a short reason with no secret in it. */
  public static class SignInFailed extends Exception {
    private final String code;

    public SignInFailed(String code, String reason) {
      super(reason);
      this.code = code;
    }

    /**
     * A fixed word for the dashboard: {@code refused}, {@code expired}, {@code failed}, {@code
     * no-role}.
     */
    public String code() {
      return code;
    }
  }

  /**
   * Where to send the browser, and what the callback must find again (kept in a short-lived
   * cookie).
   */
  public record Start(URI authorizationUri, String state, String nonce, String verifier) {}

  /** The person the IdP vouched for, with all claims of the ID token and userinfo. */
  public record Person(String subject, String email, String name, Map<String, Object> claims) {}

  private Provider provider() throws SignInFailed {
    Provider p = provider;
    if (p != null && p.at().plus(REDISCOVER).isAfter(Instant.now())) return p;
    try {
      OIDCProviderMetadata m =
          OIDCProviderMetadata.resolve(
              new Issuer(settings.issuer().orElseThrow()), TIMEOUT_MS, TIMEOUT_MS);
      List<JWSAlgorithm> algs = m.getIDTokenJWSAlgs();
      JWSAlgorithm alg =
          algs == null || algs.isEmpty() || algs.contains(JWSAlgorithm.RS256)
              ? JWSAlgorithm.RS256
              : algs.get(0);
      IDTokenValidator validator =
          new IDTokenValidator(
              m.getIssuer(),
              clientId(),
              alg,
              m.getJWKSetURI().toURL(),
              new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS));
      p = new Provider(m, validator, Instant.now());
      provider = p;
      return p;
    } catch (GeneralException | IOException | RuntimeException e) {
      LOG.warning(
          "OpenID Connect discovery of "
              + settings.issuer().orElse("?")
              + " failed: "
              + e.getMessage());
      throw new SignInFailed(
          "failed",
          "the OpenID Connect issuer cannot be reached or its discovery document is invalid");
    }
  }

  private ClientID clientId() {
    return new ClientID(settings.clientId().orElseThrow());
  }

  /** A new authorization request (code flow, PKCE S256, state, nonce). */
  public Start start(URI redirectUri) throws SignInFailed {
    OIDCProviderMetadata m = provider().metadata();
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                ResponseType.CODE, Scope.parse(settings.scopes()), clientId(), redirectUri)
            .endpointURI(m.getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();
    return new Start(request.toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
  }

  /** Checks the IdP's answer at the callback, exchanges the code and validates the ID token. */
  public Person finish(URI callback, String state, String nonce, String verifier, URI redirectUri)
      throws SignInFailed {
    Provider p = provider();
    AuthenticationResponse response;
    try {
      response = AuthenticationResponseParser.parse(callback);
    } catch (ParseException e) {
      throw new SignInFailed(
          "failed", "the IdP's answer is not an OpenID Connect authentication response");
    }
    if (!state.equals(response.getState() == null ? null : response.getState().getValue())) {
      throw new SignInFailed(
          "failed", "the answer does not belong to the sign-in this browser started (state)");
    }
    if (!response.indicatesSuccess()) {
      AuthenticationErrorResponse error = response.toErrorResponse();
      throw new SignInFailed(
          "refused", "the IdP refused the sign-in: " + error.getErrorObject().getCode());
    }
    AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
    if (code == null)
      throw new SignInFailed("failed", "the IdP's answer holds no authorization code");
    OIDCTokens tokens;
    try {
      ClientID id = clientId();
      AuthorizationCodeGrant grant =
          new AuthorizationCodeGrant(code, redirectUri, new CodeVerifier(verifier));
      TokenRequest request =
          settings.clientSecret().isPresent()
              ? new TokenRequest(
                  p.metadata().getTokenEndpointURI(),
                  new ClientSecretBasic(id, new Secret(settings.clientSecret().get())),
                  grant)
              : new TokenRequest(p.metadata().getTokenEndpointURI(), id, grant);
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout(TIMEOUT_MS);
      http.setReadTimeout(TIMEOUT_MS);
      TokenResponse tokenResponse = OIDCTokenResponseParser.parse(http.send());
      if (!tokenResponse.indicatesSuccess()) {
        throw new SignInFailed(
            "failed",
            "the IdP refused the code exchange: "
                + tokenResponse.toErrorResponse().getErrorObject().getCode());
      }
      tokens = ((OIDCTokenResponse) tokenResponse.toSuccessResponse()).getOIDCTokens();
    } catch (ParseException | IOException e) {
      throw new SignInFailed(
          "failed", "the code exchange with the IdP failed: " + e.getClass().getSimpleName());
    }
    IDTokenClaimsSet idClaims;
    try {
      idClaims = p.validator().validate(tokens.getIDToken(), new Nonce(nonce));
    } catch (BadJOSEException | JOSEException e) {
      throw new SignInFailed("failed", "the ID token is not valid: " + e.getMessage());
    }
    Map<String, Object> claims = new HashMap<>(idClaims.toJSONObject());
    URI userInfo = p.metadata().getUserInfoEndpointURI();
    if (userInfo != null && tokens.getBearerAccessToken() != null) {
      try {
        HTTPRequest http =
            new UserInfoRequest(userInfo, tokens.getBearerAccessToken()).toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        UserInfoResponse r = UserInfoResponse.parse(http.send());
        UserInfo info = r.indicatesSuccess() ? r.toSuccessResponse().getUserInfo() : null;
        if (info != null && idClaims.getSubject().equals(info.getSubject()))
          info.toJSONObject().forEach(claims::putIfAbsent);
      } catch (ParseException | IOException | RuntimeException e) {
        LOG.info(
            "OpenID Connect userinfo not read ("
                + e.getClass().getSimpleName()
                + "); using the ID token's claims");
      }
    }
    return new Person(
        idClaims.getSubject().getValue(),
        string(claims.get("email")),
        Optional.ofNullable(string(claims.get("name")))
            .orElse(string(claims.get("preferred_username"))),
        claims);
  }

  /**
   * The IdP's end-session endpoint, to offer after signing out at Gangway; empty when it has none.
   */
  public Optional<URI> endSession(URI postLogoutRedirect) {
    try {
      URI end = provider().metadata().getEndSessionEndpointURI();
      if (end == null) return Optional.empty();
      String q =
          "client_id="
              + enc(settings.clientId().orElseThrow())
              + "&post_logout_redirect_uri="
              + enc(postLogoutRedirect.toString());
      return Optional.of(URI.create(end + (end.getRawQuery() == null ? "?" : "&") + q));
    } catch (SignInFailed e) {
      return Optional.empty();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }
}
