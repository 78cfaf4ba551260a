package dev.gangway.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingDataSourceTest {

  @Test
  void galeraReadsWaitForCausalityThroughTheDriversSessionVariables() {
    assertThat(RoutingDataSource.withSyncWait("jdbc:mariadb://db:3306/gangway"))
        .isEqualTo("jdbc:mariadb://db:3306/gangway?sessionVariables=wsrep_sync_wait=1");
    assertThat(RoutingDataSource.withSyncWait("jdbc:mariadb://db:3306/gangway?sslMode=disable"))
        .isEqualTo(
            "jdbc:mariadb://db:3306/gangway?sslMode=disable&sessionVariables=wsrep_sync_wait=1");
    assertThat(
            RoutingDataSource.withSyncWait(
                "jdbc:mariadb://db/gangway?sessionVariables=sql_mode=ANSI&x=1"))
        .isEqualTo(
            "jdbc:mariadb://db/gangway?sessionVariables=wsrep_sync_wait=1,sql_mode=ANSI&x=1");
  }
}
