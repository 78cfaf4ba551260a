package dev.gangway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.platform.errors.DomainException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-02T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-03T10:00:00Z");

  private static UserProfile profile(String userName, boolean active) {
    return new UserProfile(
        userName, null, active, "Ann", null, null, null, null, null, null, null, null, null, null,
        List.of());
  }

  @Test
  void aNewUserIsActiveAndKeepsItsUserNameAsSent() {
    User u = new User(7, profile("Ann.Lee@Example.com", true), T0);
    assertThat(u.active()).isTrue();
    assertThat(u.userName().value()).isEqualTo("Ann.Lee@Example.com");
    assertThat(u.userName().key()).isEqualTo("ann.lee@example.com");
    assertThat(u.createdAt()).isEqualTo(T0);
    assertThat(u.deactivatedAt()).isNull();
  }

  @Test
  void deactivationIsTimestampedAndReactivationClearsIt() {
    User u = new User(7, profile("ann@example.com", true), T0);
    u.apply(profile("ann@example.com", false), T1);
    assertThat(u.active()).isFalse();
    assertThat(u.deactivatedAt()).isEqualTo(T1);
    u.apply(profile("ann@example.com", false), T2);
    assertThat(u.deactivatedAt()).as("stays the moment it was deactivated").isEqualTo(T1);
    u.apply(profile("ann@example.com", true), T2);
    assertThat(u.deactivatedAt()).isNull();
    assertThat(u.modifiedAt()).isEqualTo(T2);
  }

  @Test
  void aUserHoldsNoPasswordInAnyForm() {
    assertThat(User.class.getDeclaredFields())
        .extracting(Field::getName)
        .noneMatch(f -> f.toLowerCase(Locale.ROOT).contains("password"));
    assertThat(UserProfile.class.getRecordComponents())
        .extracting(RecordComponent::getName)
        .noneMatch(f -> f.toLowerCase(Locale.ROOT).contains("password"));
  }

  @Test
  void aUserNameIsRequiredAndBounded() {
    assertThatThrownBy(() -> UserName.of(" "))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).kind())
        .isEqualTo(DomainException.Kind.INVALID);
    assertThatThrownBy(() -> UserName.of("x".repeat(256))).isInstanceOf(DomainException.class);
    assertThat(UserName.of("ÄBC")).isEqualTo(UserName.of("äbc"));
    assertThat(UserName.of("José")).isNotEqualTo(UserName.of("Jose"));
  }

  @Test
  void aGroupNeedsADisplayNameAndFoldsItsKey() {
    Group g = new Group(7, new GroupProfile("Partners EU", "ext-1"), T0);
    assertThat(g.displayNameKey()).isEqualTo("partners eu");
    assertThatThrownBy(() -> g.apply(new GroupProfile("", null), T1))
        .isInstanceOf(DomainException.class);
    assertThat(g.displayName()).isEqualTo("Partners EU");
  }

  @Test
  void longValuesAreIndexedByAPrefixOfTheirKey() {
    assertThat(UserValue.keyOf("A".repeat(300)))
        .hasSize(UserValue.KEY_LENGTH)
        .isEqualTo("a".repeat(255));
    assertThat(UserValue.keyOf(null)).isNull();
  }
}
