package dev.gangway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.signin.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class RolePolicyTest {
  @SuppressWarnings("unused")
  static class Resource {
    public void read() {}

    public void write() {}

    @MinimumRole(Role.VIEWER)
    public void status() {}

    @MinimumRole(Role.AUDITOR)
    public void verify() {}
  }

  private static Method m(Class<?> c, String name) throws NoSuchMethodException {
    return c.getMethod(name);
  }

  @Test
  void readsNeedAuditorAndEverythingElseAdminUnlessTheMethodSaysOtherwise() throws Exception {
    assertThat(RolePolicy.needed("GET", m(Resource.class, "read"))).isEqualTo(Role.AUDITOR);
    assertThat(RolePolicy.needed("head", m(Resource.class, "read"))).isEqualTo(Role.AUDITOR);
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "SOMETHING"}) {
      assertThat(RolePolicy.needed(method, m(Resource.class, "write")))
          .as(method)
          .isEqualTo(Role.ADMIN);
    }
    assertThat(RolePolicy.needed("GET", m(Resource.class, "status"))).isEqualTo(Role.VIEWER);
    assertThat(RolePolicy.needed("POST", m(Resource.class, "verify"))).isEqualTo(Role.AUDITOR);
    assertThat(RolePolicy.needed("POST", null)).isEqualTo(Role.ADMIN);
  }

  @Test
  void theMarkCanOnlyBePutOnMethods() {
    assertThat(MinimumRole.class.getAnnotation(Target.class).value())
        .containsExactly(ElementType.METHOD);
  }
}
