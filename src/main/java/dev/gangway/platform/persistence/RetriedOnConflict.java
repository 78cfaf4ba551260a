package dev.gangway.platform.persistence;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A use case whose transaction is run again, whole, when it loses a race with a concurrent writer
 * ({@link Retry}). Put it beside {@code @Transactional}: its interceptor runs outside the
 * transaction, and only where the call starts one (a call inside a running transaction is part of
 * that transaction, which its own boundary retries).
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RetriedOnConflict {}
