package dev.gangway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.GroupProvisioning.GroupChange;
import dev.gangway.identity.IdentityChange.GroupChanged;
import dev.gangway.identity.IdentityChange.Kind;
import dev.gangway.identity.IdentityChange.MembershipChanged;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupProvisioningTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final DirectoryId OKTA = new DirectoryId(1);
  private static final DirectoryId ENTRA = new DirectoryId(2);

  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final InMemoryGroupRepository groups = new InMemoryGroupRepository(users);
  private final RecordingEvent<IdentityChange> changes = new RecordingEvent<>();
  private final GroupProvisioning provisioning =
      new GroupProvisioning(groups, Clock.fixed(T0, ZoneOffset.UTC), changes);

  private String user(DirectoryId directory, String userName) {
    User u =
        new User(
            directory.value(),
            new UserProfile(
                userName, null, true, null, null, null, null, null, null, null, null, null, null,
                null, List.of()),
            T0);
    users.addNew(u, List.of());
    return u.id();
  }

  private static DomainException.Kind kindOf(Throwable e) {
    return ((DomainException) e).kind();
  }

  private static GroupProfile named(String displayName) {
    return new GroupProfile(displayName, null);
  }

  @Test
  void aGroupCreatedWithMembersAnnouncesItselfThenItsMembers() {
    String ann = user(OKTA, "ann");
    String bob = user(OKTA, "bob");

    GroupSnapshot created =
        provisioning.create(OKTA, named("Partners"), List.of(ann, bob, ann), true);

    assertThat(created.members()).extracting(MemberRef::id).containsExactly(ann, bob);
    assertThat(created.members()).extracting(MemberRef::type).containsOnly(MemberType.USER);
    assertThat(changes.fired).hasSize(2);
    assertThat(changes.fired.get(0))
        .isEqualTo(new GroupChanged(OKTA, created.group().id(), Kind.CREATED, "Partners"));
    assertThat(changes.fired.get(1))
        .isEqualTo(new MembershipChanged(OKTA, created.group().id(), List.of(ann, bob), List.of()));
  }

  @Test
  void aNestedGroupIsAMemberOfKindGroupAndWithoutMembersNothingButTheGroupIsAnnounced() {
    GroupSnapshot inner = provisioning.create(OKTA, named("Inner"), List.of(), false);
    assertThat(inner.members()).as("not asked for").isNull();
    assertThat(changes.fired).hasSize(1);

    GroupSnapshot outer =
        provisioning.create(OKTA, named("Outer"), List.of(inner.group().id()), true);
    assertThat(outer.members())
        .containsExactly(new MemberRef(inner.group().id(), MemberType.GROUP, "Inner"));
  }

  @Test
  void aMemberThatIsNeitherAUserNorAGroupOfTheDirectoryIsInvalid() {
    String foreign = user(ENTRA, "ann");

    assertThatThrownBy(() -> provisioning.create(OKTA, named("Partners"), List.of(foreign), false))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThatThrownBy(() -> provisioning.create(OKTA, named("Others"), List.of(" "), false))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
  }

  @Test
  void aGroupCannotBeItsOwnMember() {
    String id = provisioning.create(OKTA, named("Partners"), List.of(), false).group().id();

    assertThatThrownBy(
            () ->
                provisioning.modify(
                    OKTA,
                    id,
                    null,
                    g -> new GroupChange(null, List.of(MemberChange.add(id))),
                    false))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.INVALID));
    assertThat(groups.memberIds(id)).isEmpty();
  }

  @Test
  void aDisplayNameTakenInTheDirectoryIgnoringCaseIsAConflict() {
    provisioning.create(OKTA, named("Partners"), List.of(), false);
    String other = provisioning.create(OKTA, named("Vendors"), List.of(), false).group().id();

    assertThatThrownBy(() -> provisioning.create(OKTA, named("PARTNERS"), List.of(), false))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThatThrownBy(
            () ->
                provisioning.modify(
                    OKTA, other, null, g -> new GroupChange(named("partners"), List.of()), false))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.UNIQUENESS));
    assertThat(
            provisioning.create(ENTRA, named("Partners"), List.of(), false).group().directoryId())
        .isEqualTo(2);
  }

  @Test
  void aPatchAnnouncesOnlyTheNetEffectOfItsMemberChangesInOrder() {
    String ann = user(OKTA, "ann");
    String bob = user(OKTA, "bob");
    String cid = user(OKTA, "cid");
    String id = provisioning.create(OKTA, named("Partners"), List.of(ann), false).group().id();
    changes.fired.clear();

    provisioning.modify(
        OKTA,
        id,
        null,
        g ->
            new GroupChange(
                null,
                List.of(
                    MemberChange.add(bob),
                    MemberChange.add(cid),
                    MemberChange.remove(bob),
                    MemberChange.remove(ann),
                    MemberChange.add(ann))),
        false);

    assertThat(groups.memberIds(id)).containsExactlyInAnyOrder(ann, cid);
    assertThat(changes.fired)
        .containsExactly(new MembershipChanged(OKTA, id, List.of(cid), List.of()));
    assertThat(groups.touches).isEqualTo(1);
  }

  @Test
  void aPatchThatChangesNothingAnnouncesNothing() {
    String ann = user(OKTA, "ann");
    String id = provisioning.create(OKTA, named("Partners"), List.of(ann), false).group().id();
    changes.fired.clear();

    provisioning.modify(
        OKTA,
        id,
        null,
        g -> new GroupChange(named("Partners"), List.of(MemberChange.add(ann))),
        false);

    assertThat(changes.fired).isEmpty();
    assertThat(groups.touches).isZero();
  }

  @Test
  void removeAllThenAddKeepsOnlyTheAddedAndAnnouncesTheOthersAsRemoved() {
    String ann = user(OKTA, "ann");
    String bob = user(OKTA, "bob");
    String id = provisioning.create(OKTA, named("Partners"), List.of(ann, bob), false).group().id();
    changes.fired.clear();

    provisioning.modify(
        OKTA,
        id,
        null,
        g -> new GroupChange(null, List.of(MemberChange.removeAll(), MemberChange.add(bob))),
        false);

    assertThat(groups.memberIds(id)).containsExactly(bob);
    assertThat(changes.fired)
        .containsExactly(new MembershipChanged(OKTA, id, List.of(), List.of(ann)));
  }

  @Test
  void aReplaceMakesTheGivenListTheMemberListAndARenameIsAnnounced() {
    String ann = user(OKTA, "ann");
    String bob = user(OKTA, "bob");
    String cid = user(OKTA, "cid");
    String id = provisioning.create(OKTA, named("Partners"), List.of(ann, bob), false).group().id();
    changes.fired.clear();

    GroupSnapshot replaced =
        provisioning.replace(OKTA, id, null, named("Partner companies"), List.of(bob, cid), true);

    assertThat(replaced.members()).extracting(MemberRef::id).containsExactly(bob, cid);
    assertThat(changes.fired)
        .containsExactly(
            new GroupChanged(OKTA, id, Kind.UPDATED, "Partner companies"),
            new MembershipChanged(OKTA, id, List.of(cid), List.of(ann)));
  }

  @Test
  void aStaleVersionFailsThePrecondition() {
    String id = provisioning.create(OKTA, named("Partners"), List.of(), false).group().id();

    assertThatThrownBy(() -> provisioning.replace(OKTA, id, 3L, named("Other"), List.of(), false))
        .satisfies(e -> assertThat(kindOf(e)).isEqualTo(DomainException.Kind.PRECONDITION_FAILED));
    assertThat(groups.groups.get(id).displayName()).isEqualTo("Partners");
  }

  @Test
  void aDeletedGroupsMembersLeaveFirstWhileObserversStillSeeItsName() {
    String ann = user(OKTA, "ann");
    String id = provisioning.create(OKTA, named("Partners"), List.of(ann), false).group().id();
    changes.fired.clear();

    provisioning.delete(OKTA, id, null);

    assertThat(changes.fired)
        .containsExactly(
            new MembershipChanged(OKTA, id, List.of(), List.of(ann)),
            new GroupChanged(OKTA, id, Kind.DELETED, "Partners"));
    assertThat(groups.groups).doesNotContainKey(id);
  }
}
