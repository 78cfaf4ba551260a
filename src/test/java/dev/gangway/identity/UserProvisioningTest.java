package dev.gangway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.IdentityChange.Kind;
import dev.gangway.identity.IdentityChange.UserChanged;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserProvisioningTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final DirectoryId OKTA = new DirectoryId(1);
  private static final DirectoryId ENTRA = new DirectoryId(2);

  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final InMemoryGroupRepository groups = new InMemoryGroupRepository(users);
  private final RecordingEvent<IdentityChange> changes = new RecordingEvent<>();
  private final UserProvisioning provisioning =
      new UserProvisioning(users, Clock.fixed(T0, ZoneOffset.UTC), changes);

  private static UserProfile profile(
      String userName, boolean active, String title, MultiValue... values) {
    return new UserProfile(
        userName,
        null,
        active,
        null,
        null,
        null,
        title,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(values));
  }

  private static MultiValue email(String address) {
    return new MultiValue("emails", address, "work", true, null, null);
  }

  private static DomainException.Kind kindOf(Throwable e) {
    return ((DomainException) e).kind();
  }

  @Test
  void aCreatedUserIsStoredWithItsValuesAndAnnouncedWithItsState() {
    UserSnapshot created =
        provisioning.create(
            OKTA, profile("ann@fabrikam.com", true, "Engineer", email("ann@fabrikam.com")));

    assertThat(users.users).containsKey(created.user().id());
    assertThat(users.values.get(created.user().id())).containsExactly(email("ann@fabrikam.com"));
    UserChanged event = changes.of(UserChanged.class).get(0);
    assertThat(event.kind()).isEqualTo(Kind.CREATED);
    assertThat(event.directory()).isEqualTo(OKTA);
    assertThat(event.state()).as("observers need not read the user again").contains(created);
    assertThat(event.changes().get("title")).containsExactly(null, "Engineer");
  }

  @Test
  void aUserNameTakenInTheDirectoryIgnoringCaseIsAConflictButNotInAnotherDirectory() {
    provisioning.create(OKTA, profile("ann@fabrikam.com", true, null));

    assertThatThrownBy(() -> provisioning.create(OKTA, profile("ANN@Fabrikam.com", true, null)))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThat(changes.fired).hasSize(1);
    assertThat(
            provisioning
                .create(ENTRA, profile("ann@fabrikam.com", true, null))
                .user()
                .directoryId())
        .isEqualTo(2);
  }

  @Test
  void aUserOfAnotherDirectoryIsNotFound() {
    String id = provisioning.create(OKTA, profile("ann@fabrikam.com", true, null)).user().id();

    assertThatThrownBy(() -> provisioning.get(ENTRA, id))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> provisioning.delete(ENTRA, id, null))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.NOT_FOUND));
    assertThat(users.users).containsKey(id);
  }

  @Test
  void aReplaceAppliesTheProfileWritesValuesOnlyWhenTheyChangedAndNamesWhatChanged() {
    String id =
        provisioning
            .create(OKTA, profile("ann@fabrikam.com", true, "Engineer", email("ann@fabrikam.com")))
            .user()
            .id();

    UserSnapshot same =
        provisioning.replace(
            OKTA,
            id,
            null,
            profile("ann@fabrikam.com", false, "Engineer", email("ann@fabrikam.com")));
    assertThat(same.user().active()).isFalse();
    assertThat(users.replaceValuesCalls).as("values unchanged: not rewritten").isZero();
    UserChanged updated = changes.of(UserChanged.class).get(1);
    assertThat(updated.kind()).isEqualTo(Kind.UPDATED);
    assertThat(updated.changes()).containsOnlyKeys("active");

    provisioning.replace(
        OKTA,
        id,
        null,
        profile("ann@fabrikam.com", false, "Engineer", email("ann.lee@fabrikam.com")));
    assertThat(users.replaceValuesCalls).isEqualTo(1);
    assertThat(users.values.get(id)).containsExactly(email("ann.lee@fabrikam.com"));
  }

  @Test
  void aStaleVersionFailsThePreconditionAndChangesNothing() {
    String id = provisioning.create(OKTA, profile("ann@fabrikam.com", true, null)).user().id();

    assertThatThrownBy(
            () -> provisioning.replace(OKTA, id, 5L, profile("ann@fabrikam.com", false, null)))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.PRECONDITION_FAILED));
    assertThat(users.users.get(id).active()).isTrue();
    assertThat(changes.fired).hasSize(1);
  }

  @Test
  void renamingToAUserNameAnotherUserHoldsIsAConflictAndToItsOwnInAnotherCaseIsNot() {
    provisioning.create(OKTA, profile("bob@fabrikam.com", true, null));
    String ann = provisioning.create(OKTA, profile("ann@fabrikam.com", true, null)).user().id();

    assertThatThrownBy(
            () -> provisioning.replace(OKTA, ann, null, profile("Bob@fabrikam.com", true, null)))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThat(
            provisioning
                .replace(OKTA, ann, null, profile("Ann@Fabrikam.com", true, null))
                .user()
                .userName()
                .value())
        .isEqualTo("Ann@Fabrikam.com");
  }

  @Test
  void aModifySeesTheCurrentStateWithItsGroups() {
    String id =
        provisioning.create(OKTA, profile("ann@fabrikam.com", true, "Engineer")).user().id();
    Group group = new Group(OKTA.value(), new GroupProfile("Partners", null), T0);
    groups.add(group);
    groups.insertMember(group, id, MemberType.USER, T0);

    UserSnapshot after =
        provisioning.modify(
            OKTA,
            id,
            null,
            current -> {
              assertThat(current.groups()).containsExactly(new GroupRef(group.id(), "Partners"));
              return profile(current.profile().userName(), true, "Lead");
            });
    assertThat(after.user().title()).isEqualTo("Lead");
    assertThat(after.groups()).extracting(GroupRef::displayName).containsExactly("Partners");
  }

  @Test
  void aDeletedUserIsAnnouncedBeforeItGoesAndLeavesItsGroups() {
    String id = provisioning.create(OKTA, profile("ann@fabrikam.com", true, null)).user().id();
    Group group = new Group(OKTA.value(), new GroupProfile("Partners", null), T0);
    groups.add(group);
    groups.insertMember(group, id, MemberType.USER, T0);
    changes.observedBy(
        c -> {
          if (c instanceof UserChanged u && u.kind() == Kind.DELETED) {
            assertThat(users.users).as("observers still see the user").containsKey(id);
          }
        });

    provisioning.delete(OKTA, id, null);

    UserChanged deleted = changes.of(UserChanged.class).get(1);
    assertThat(deleted.kind()).isEqualTo(Kind.DELETED);
    assertThat(deleted.changes().get("userName")).containsExactly("ann@fabrikam.com", null);
    assertThat(users.users).doesNotContainKey(id);
    assertThat(groups.memberIds(group.id())).isEmpty();
  }

  @Test
  void aSearchReturnsEachUserWithItsValues() {
    provisioning.create(OKTA, profile("ann@fabrikam.com", true, null, email("ann@fabrikam.com")));
    provisioning.create(OKTA, profile("bob@fabrikam.com", true, null));
    provisioning.create(ENTRA, profile("cid@fabrikam.com", true, null));

    Page<UserSnapshot> page = provisioning.search(OKTA, new ResourceQuery(null, 0, 10));
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.items())
        .extracting(s -> s.user().userName().value())
        .containsExactly("ann@fabrikam.com", "bob@fabrikam.com");
    assertThat(page.items().get(0).values()).containsExactly(email("ann@fabrikam.com"));
    assertThat(page.items().get(1).values()).isEmpty();
  }
}
