package dev.gangway.testing;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An {@link Event} that keeps what is fired, in order, and hands each event to the observers a test
 * registers (synchronously, as CDI runs them in the firing transaction).
 */
public final class RecordingEvent<T> implements Event<T> {
  public final List<T> fired = new ArrayList<>();
  private final List<Consumer<? super T>> observers = new ArrayList<>();

  /** Runs an observer on every event fired from now on. */
  public RecordingEvent<T> observedBy(Consumer<? super T> observer) {
    observers.add(observer);
    return this;
  }

  @Override
  public void fire(T event) {
    fired.add(event);
    observers.forEach(o -> o.accept(event));
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event) {
    fire(event);
    return CompletableFuture.completedFuture(event);
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
    return fireAsync(event);
  }

  @Override
  public Event<T> select(Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException();
  }

  /** The events fired of one type, in order. */
  public <U> List<U> of(Class<U> type) {
    return fired.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
