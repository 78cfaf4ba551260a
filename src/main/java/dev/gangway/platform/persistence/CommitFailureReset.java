package dev.gangway.platform.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection that is left clean when its commit fails. Payara's local transactions turn
 * autocommit back on only after a commit that succeeded; when the commit fails (a deadlock, or on
 * Galera a write set that failed certification — both roll the transaction back) the pooled
 * connection keeps autocommit off. Its next user outside a transaction would then open a
 * transaction nobody ends, and the next transaction on it would read that old snapshot: a user
 * another node created a moment ago is not there. So after a failed commit this rolls back what may
 * remain and restores autocommit, then reports the failure as it was.
 */
final class CommitFailureReset implements InvocationHandler {
  private final Connection target;

  private CommitFailureReset(Connection target) {
    this.target = target;
  }

  static Connection wrap(Connection target) {
    return (Connection)
        Proxy.newProxyInstance(
            CommitFailureReset.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new CommitFailureReset(target));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "equals" -> {
        return proxy == args[0];
      }
      case "hashCode" -> {
        return System.identityHashCode(proxy);
      }
      case "unwrap" -> {
        if (((Class<?>) args[0]).isInstance(proxy)) return proxy;
      }
      case "isWrapperFor" -> {
        if (((Class<?>) args[0]).isInstance(proxy)) return true;
      }
      default -> {}
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (method.getName().equals("commit")) reset();
      throw e.getCause();
    }
  }

  private void reset() {
    try {
      target.rollback();
    } catch (SQLException ignored) {
      // the server has rolled back already; nothing left to undo
    }
    try {
      target.setAutoCommit(true);
    } catch (SQLException ignored) {
      // a broken connection: the pool finds out when it next validates it
    }
  }
}
