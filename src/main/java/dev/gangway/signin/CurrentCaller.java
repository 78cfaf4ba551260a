package dev.gangway.signin;

import dev.gangway.platform.ChangeCause;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The caller of the current admin request, once signed in; names them as the cause of changes. */
@RequestScoped
public class CurrentCaller {
  private ChangeCause cause;
  private Caller caller;
  private String sessionSecret;

  protected CurrentCaller() {}

  @Inject
  CurrentCaller(ChangeCause cause) {
    this.cause = cause;
  }

  public void set(Caller caller, String sessionSecret) {
    this.caller = caller;
    this.sessionSecret = sessionSecret;
    cause.actor(caller.actor());
    cause.via(caller.how());
  }

  /** The static admin token, accepted as break-glass. */
  public void breakGlass() {
    set(Caller.breakGlass(), null);
  }

  public boolean known() {
    return caller != null;
  }

  public Optional<Caller> get() {
    return Optional.ofNullable(caller);
  }

  /** The session cookie's secret, when the caller signed in through the browser. */
  public Optional<String> sessionSecret() {
    return Optional.ofNullable(sessionSecret);
  }
}
