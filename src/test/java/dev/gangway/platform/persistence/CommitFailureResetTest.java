package dev.gangway.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitFailureResetTest {
  private final List<String> calls = new ArrayList<>();

  /** A driver connection that records what it is asked and fails its commit when told to. */
  private Connection driver(boolean commitFails) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              calls.add(method.getName() + (args == null ? "" : List.of(args)));
              if (method.getName().equals("commit") && commitFails) {
                throw new SQLTransactionRollbackException(
                    "Deadlock found when trying to get lock", "40001", 1213);
              }
              return method.getReturnType() == boolean.class ? false : null;
            });
  }

  @Test
  void aFailedCommitLeavesTheConnectionRolledBackWithAutocommitOnAndIsReportedAsItWas() {
    Connection c = CommitFailureReset.wrap(driver(true));
    assertThatThrownBy(c::commit).isInstanceOf(SQLTransactionRollbackException.class);
    assertThat(calls).containsExactly("commit", "rollback", "setAutoCommit[true]");
  }

  @Test
  void aCommitThatSucceedsChangesNothing() throws Exception {
    Connection c = CommitFailureReset.wrap(driver(false));
    c.setAutoCommit(false);
    c.commit();
    assertThat(calls).containsExactly("setAutoCommit[false]", "commit");
    assertThat(c.unwrap(Connection.class)).isSameAs(c);
  }
}
