package dev.gangway.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How people sign in: the OpenID Connect issuer and client ({@code GANGWAY_OIDC_*}), the role
 * mapping, whether the static admin token still opens the admin API (break-glass), and how long a
 * browser session lives idle and at most.
 */
@ApplicationScoped
public class SignInSettings {
  private Optional<String> issuer;
  private Optional<String> clientId;
  private Optional<String> clientSecret;
  private Optional<String> redirectUri;
  private String scopes;
  private RoleMapping roles;
  private boolean breakGlass;
  private Duration idleTimeout;
  private Duration lifetime;

  protected SignInSettings() {}

  @Inject
  SignInSettings(
      @ConfigProperty(name = "gangway.oidc.issuer") Optional<String> issuer,
      @ConfigProperty(name = "gangway.oidc.client-id") Optional<String> clientId,
      @ConfigProperty(name = "gangway.oidc.client-secret") Optional<String> clientSecret,
      @ConfigProperty(name = "gangway.oidc.redirect-uri") Optional<String> redirectUri,
      @ConfigProperty(name = "gangway.oidc.scopes", defaultValue = "openid email profile")
          String scopes,
      @ConfigProperty(name = "gangway.oidc.roles.claim", defaultValue = "groups") String rolesClaim,
      @ConfigProperty(name = "gangway.oidc.roles") Optional<String> roles,
      @ConfigProperty(name = "gangway.admin.break-glass", defaultValue = "true") boolean breakGlass,
      @ConfigProperty(name = "gangway.session.idle-timeout", defaultValue = "30m")
          String idleTimeout,
      @ConfigProperty(name = "gangway.session.lifetime", defaultValue = "12h") String lifetime) {
    this.issuer = clean(issuer);
    this.clientId = clean(clientId);
    this.clientSecret = clean(clientSecret);
    this.redirectUri = clean(redirectUri);
    this.scopes = scopes;
    this.roles = RoleMapping.parse(rolesClaim, roles.orElse(null));
    this.breakGlass = breakGlass;
    this.idleTimeout = Durations.parse(idleTimeout);
    this.lifetime = Durations.parse(lifetime);
  }

  private static Optional<String> clean(Optional<String> v) {
    return v.map(String::strip).filter(s -> !s.isEmpty());
  }

  /** OpenID Connect sign-in is offered when issuer and client id are set. */
  public boolean oidcEnabled() {
    return issuer.isPresent() && clientId.isPresent();
  }

  public Optional<String> issuer() {
    return issuer;
  }

  public Optional<String> clientId() {
    return clientId;
  }

  public Optional<String> clientSecret() {
    return clientSecret;
  }

  public Optional<String> redirectUri() {
    return redirectUri;
  }

  public String scopes() {
    return scopes;
  }

  public RoleMapping roles() {
    return roles;
  }

  public boolean breakGlass() {
    return breakGlass;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration lifetime() {
    return lifetime;
  }
}
