package dev.gangway.platform.ops;

import dev.gangway.platform.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import sun.misc.Signal;

/**
 * Stops Gangway gracefully on SIGTERM or SIGINT (a service manager, a container stop, Ctrl-C).
 *
 * <p>The JVM's own reaction to those signals runs the shutdown hooks at once, all together: Payara
 * undeployed the application while requests were still being answered (they got 500s or were cut
 * off mid-answer). Gangway takes the signals instead: it stops taking requests (503 with {@code
 * Retry-After}, so that load balancers and IdPs go elsewhere or retry), lets the requests in flight
 * finish, tells {@link Stopping} observers to flush what they buffer, and only then exits, which
 * undeploys the application and closes the database. All of it within {@code GANGWAY_STOP_TIMEOUT}
 * seconds; the start script kills the process after that.
 */
@ApplicationScoped
public class GracefulStop {
  private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

  /** Fired once requests have drained, before the application is undeployed. */
  public record Stopping() {}

  // Static, not bean state: the filter must still answer 503 while CDI's contexts are being
  // destroyed during undeploy (a call through a bean proxy then fails, and the client got a 500).
  private static final AtomicBoolean stopping = new AtomicBoolean();
  private static final AtomicInteger inFlight = new AtomicInteger();
  private static final AtomicInteger refused = new AtomicInteger();
  private static volatile long lastRequest = System.nanoTime();
  private static final Duration QUIET = Duration.ofMillis(500);
  private Duration timeout;
  private Event<Stopping> stoppingEvent;

  protected GracefulStop() {}

  @Inject
  GracefulStop(
      @ConfigProperty(name = "gangway.stop.timeout", defaultValue = "30") int timeoutSeconds,
      Event<Stopping> stoppingEvent) {
    this.timeout = Duration.ofSeconds(Math.max(2, timeoutSeconds));
    this.stoppingEvent = stoppingEvent;
  }

  void install(@Observes Startup.Started started) {
    Signal.handle(new Signal("TERM"), s -> begin("SIGTERM"));
    Signal.handle(new Signal("INT"), s -> begin("SIGINT"));
  }

  /** Whether new requests are refused. */
  public static boolean isStopping() {
    return stopping.get();
  }

  /** Counts a request in; false when Gangway is stopping and the request must be refused. */
  static boolean enter() {
    lastRequest = System.nanoTime();
    inFlight.incrementAndGet();
    if (!stopping.get()) return true;
    inFlight.decrementAndGet();
    refused.incrementAndGet();
    return false;
  }

  static void leave() {
    inFlight.decrementAndGet();
  }

  private void begin(String signal) {
    if (!stopping.compareAndSet(false, true)) return;
    Thread t = new Thread(() -> drainAndExit(signal), "gangway-graceful-stop");
    t.setDaemon(false);
    t.start();
  }

  private void drainAndExit(String signal) {
    long start = System.nanoTime();
    // Half the budget for requests in flight; the rest is Payara's, to undeploy and close the
    // database.
    long deadline = start + timeout.toNanos() / 2;
    LOG.info(
        () -> signal + ": Gangway is stopping; no new requests, " + inFlight.get() + " in flight");
    stopAccepting();
    // Connections already open (kept alive by clients) still bring requests: answer each a 503
    // that closes it, until none has come for a moment, so that none is left to meet the undeploy.
    while (System.nanoTime() < deadline
        && (inFlight.get() > 0
            || System.nanoTime() - lastRequest < QUIET.toNanos()
            || System.nanoTime() - start < QUIET.toNanos())) {
      sleep(20);
    }
    int left = inFlight.get();
    if (left > 0)
      LOG.warning(
          () ->
              left
                  + " requests still in flight after "
                  + timeout.dividedBy(2)
                  + "; stopping anyway");
    try {
      stoppingEvent.fire(new Stopping());
    } catch (RuntimeException e) {
      LOG.warning(() -> "while flushing before stop: " + e);
    }
    LOG.info(
        () ->
            "Requests drained in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms ("
                + refused.get()
                + " refused meanwhile); undeploying and closing the database");
    System.exit(0);
  }

  /** The server's class loader, seen by {@link DrainFilter} through the servlet context. */
  static void serverClassLoader(ClassLoader loader) {
    if (serverLoader == null) serverLoader = loader;
  }

  private static volatile ClassLoader serverLoader;

  /**
   * Stops Payara's HTTP listeners from accepting connections, so that requests arriving while the
   * application is undeployed are refused at connect (a load balancer or IdP retries them elsewhere
   * or later) rather than answered 500 by a web container whose application is half gone.
   * Connections already open stay served (the 503s above ask their clients to close them). Payara
   * has no public API for it; this goes through its service locator by reflection and, should that
   * ever fail, Gangway stops as before.
   */
  private static void stopAccepting() {
    try {
      ClassLoader loader = serverLoader;
      if (loader == null) return;
      Class<?> globals = loader.loadClass("org.glassfish.internal.api.Globals");
      Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
      Class<?> grizzly = loader.loadClass("com.sun.enterprise.v3.services.impl.GrizzlyService");
      Object service =
          locator
              .getClass()
              .getMethod("getService", Class.class, Annotation[].class)
              .invoke(locator, grizzly, new Annotation[0]);
      Field proxies = grizzly.getDeclaredField("proxies");
      proxies.setAccessible(true);
      int unbound = 0;
      for (Object proxy : (Iterable<?>) proxies.get(service)) {
        Object listener = proxy.getClass().getMethod("getUnderlyingListener").invoke(proxy);
        Object transport = listener.getClass().getMethod("getTransport").invoke(listener);
        transport.getClass().getMethod("unbindAll").invoke(transport);
        unbound++;
      }
      int count = unbound;
      LOG.info(() -> "Stopped accepting connections on " + count + " listeners");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.info(() -> "Could not stop accepting connections before undeploying: " + e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
