package dev.gangway.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricsLabelsTest {
  @Test
  void knownEndpointsKeepTheirNames() {
    assertThat(Metrics.endpoint("/scim/v2/Users")).isEqualTo("Users");
    assertThat(Metrics.endpoint("/scim/v2/Users/abc")).isEqualTo("Users");
    assertThat(Metrics.endpoint("/scim/v2/Groups/.search")).isEqualTo("Groups");
    assertThat(Metrics.endpoint("/scim/v2/Bulk;a=b")).isEqualTo("Bulk");
    assertThat(Metrics.endpoint("/scim/v2/.search")).isEqualTo(".search");
    assertThat(Metrics.endpoint("/scim/v2")).isEqualTo("root");
    assertThat(Metrics.endpoint("/scim/v2/")).isEqualTo("root");
  }

  @Test
  void anyOtherPathSharesOneLabel() {
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String r = UUID.randomUUID().toString();
      labels.add(Metrics.endpoint("/scim/v2/" + r));
      labels.add(Metrics.endpoint("/scim/" + r + "/Users"));
      labels.add(Metrics.endpoint("/scim/v2" + r));
      labels.add(Metrics.endpoint("/scim/v2/users;" + r));
      labels.add(Metrics.method(r.substring(0, 8).toUpperCase()));
    }
    assertThat(labels).containsExactlyInAnyOrder(Metrics.UNMATCHED, "other");
    assertThat(Metrics.endpoint(null)).isEqualTo(Metrics.UNMATCHED);
  }
}
