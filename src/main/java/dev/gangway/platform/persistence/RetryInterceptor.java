package dev.gangway.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a {@link RetriedOnConflict} call again when its transaction lost a race. Ordered before the
 * {@code @Transactional} interceptors (which sit at {@code PLATFORM_BEFORE + 200}), so each attempt
 * is a transaction of its own that has been rolled back entirely when the next begins.
 */
@RetriedOnConflict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RetryInterceptor {
  @Resource TransactionSynchronizationRegistry transactions;

  @AroundInvoke
  public Object retry(InvocationContext call) throws Exception {
    if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) return call.proceed();
    try {
      return Retry.transaction(
          () -> {
            try {
              return call.proceed();
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new Checked(e);
            }
          });
    } catch (Checked c) {
      throw c.checked;
    }
  }

  /** Carries a checked exception of the intercepted method through {@link Retry}. */
  private static final class Checked extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Exception checked;

    Checked(Exception checked) {
      super(null, null, false, false);
      this.checked = checked;
    }
  }
}
