package dev.gangway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleMappingTest {
  private final RoleMapping mapping =
      RoleMapping.parse(
          "groups",
          "gangway-admins=admin; gangway-auditors=auditor;gangway-viewers=viewer;cn=ops,ou=x=auditor");

  @Test
  void theStrongestMappedGroupWins() {
    assertThat(
            mapping.roleOf(
                Map.of("groups", List.of("staff", "gangway-viewers", "gangway-auditors"))))
        .contains(Role.AUDITOR);
    assertThat(mapping.roleOf(Map.of("groups", List.of("gangway-admins", "gangway-viewers"))))
        .contains(Role.ADMIN);
  }

  @Test
  void noMappedValueMeansNoRole() {
    assertThat(mapping.roleOf(Map.of("groups", List.of("staff")))).isEmpty();
    assertThat(mapping.roleOf(Map.of("email", "a@example.com"))).isEmpty();
    assertThat(
            RoleMapping.parse("groups", null).roleOf(Map.of("groups", List.of("gangway-admins"))))
        .isEmpty();
  }

  @Test
  void aValueMayHoldEqualsSignsAndTheClaimMayBeOneStringOrNested() {
    assertThat(mapping.roleOf(Map.of("groups", "cn=ops,ou=x")))
        .isEmpty(); // one string is split on spaces and commas
    assertThat(mapping.roleOf(Map.of("groups", List.of("cn=ops,ou=x")))).contains(Role.AUDITOR);
    assertThat(
            RoleMapping.parse("roles", "Gangway.Admin=admin")
                .roleOf(Map.of("roles", "Gangway.Admin")))
        .contains(Role.ADMIN);
    assertThat(
            RoleMapping.parse("realm_access.roles", "gw-view=viewer")
                .roleOf(Map.of("realm_access", Map.of("roles", List.of("gw-view")))))
        .contains(Role.VIEWER);
  }

  @Test
  void commasSeparateWhenNoSemicolonIsUsed() {
    RoleMapping plain = RoleMapping.parse("groups", "a=admin, b=viewer");
    assertThat(plain.roleOf(Map.of("groups", List.of("b")))).contains(Role.VIEWER);
    assertThat(plain.roleOf(Map.of("groups", List.of("a")))).contains(Role.ADMIN);
  }

  @Test
  void aBrokenMappingIsRefusedAtStart() {
    assertThatThrownBy(() -> RoleMapping.parse("groups", "gangway-admins"))
        .hasMessageContaining("<claim value>=<role>");
    assertThatThrownBy(() -> RoleMapping.parse("groups", "gangway-admins=root"))
        .hasMessageContaining("admin, auditor, viewer");
  }

  @Test
  void rolesCoverWeakerOnes() {
    assertThat(Role.ADMIN.covers(Role.VIEWER)).isTrue();
    assertThat(Role.AUDITOR.covers(Role.ADMIN)).isFalse();
    assertThat(Role.VIEWER.covers(Role.AUDITOR)).isFalse();
    assertThat(Role.VIEWER.covers(Role.VIEWER)).isTrue();
  }
}
