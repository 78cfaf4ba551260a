package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.jpa.JpaGroupRepository;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.identity.IdentityChange.GroupChanged;
import dev.gangway.identity.IdentityChange.Kind;
import dev.gangway.identity.IdentityChange.MembershipChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Use cases of an IdP on groups; each call is one transaction. Membership changes are row
 * inserts and deletes: their cost does not depend on the group's size.
 */
@ApplicationScoped
@Transactional
public class GroupProvisioning {
  private JpaGroupRepository groups;
  private Clock clock;
  private Event<IdentityChange> changes;

  protected GroupProvisioning() {}

  @Inject
  GroupProvisioning(JpaGroupRepository groups, Clock clock, Event<IdentityChange> changes) {
    this.groups = groups;
    this.clock = clock;
    this.changes = changes;
  }

  /** A group's new state: its profile (null keeps it) and membership changes in order. */
  public record GroupChange(GroupProfile profile, List<MemberChange> members) {}

  public GroupSnapshot create(DirectoryId directory, GroupProfile profile, List<String> memberIds,
                              boolean returnMembers) {
    Instant now = clock.instant();
    Group group = new Group(directory.value(), profile, now);
    ensureFree(directory, group.displayName(), null);
    groups.add(group);
    List<String> added = new java.util.ArrayList<>();
    for (String id : new LinkedHashSet<>(memberIds)) if (addMember(directory, group, id, now)) added.add(id);
    groups.flush();
    changes.fire(new GroupChanged(directory, group.id(), Kind.CREATED, group.displayName()));
    if (!added.isEmpty()) changes.fire(new MembershipChanged(directory, group.id(), added, List.of()));
    return new GroupSnapshot(group, returnMembers ? groups.members(group.id()) : null);
  }

  public GroupSnapshot get(DirectoryId directory, String id, boolean withMembers) {
    Group group = load(directory, id);
    return new GroupSnapshot(group, withMembers ? groups.members(group.id()) : null);
  }

  /** Full replace (PUT): the member list given becomes the member list. */
  public GroupSnapshot replace(DirectoryId directory, String id, Long expectedVersion,
                               GroupProfile profile, List<String> memberIds, boolean returnMembers) {
    return modify(directory, id, expectedVersion, current -> {
      Set<String> wanted = new LinkedHashSet<>(memberIds);
      List<MemberChange> diff = new java.util.ArrayList<>();
      for (String present : groups.memberIds(current.id())) {
        if (!wanted.remove(present)) diff.add(MemberChange.remove(present));
      }
      wanted.forEach(m -> diff.add(MemberChange.add(m)));
      return new GroupChange(profile, diff);
    }, returnMembers);
  }

  /** PATCH: a change computed from the current group, applied whole or not at all. */
  public GroupSnapshot modify(DirectoryId directory, String id, Long expectedVersion,
                              Function<Group, GroupChange> change, boolean returnMembers) {
    Group group = lock(directory, id);
    UserProvisioning.checkVersion(expectedVersion, group.version(), id);
    GroupChange c = change.apply(group);
    Instant now = clock.instant();
    boolean renamed = false;
    if (c.profile() != null) {
      String before = group.displayName();
      group.apply(c.profile(), now);
      renamed = !group.displayName().equals(before);
      if (!group.displayNameKey().equals(UserName.keyOf(before))) {
        ensureFree(directory, group.displayName(), group.id());
      }
    }
    // Net effect of the request's member changes, in order: a member added then removed is neither.
    Set<String> added = new LinkedHashSet<>();
    Set<String> removed = new LinkedHashSet<>();
    for (MemberChange m : c.members()) {
      switch (m.kind()) {
        case ADD -> {
          if (addMember(directory, group, m.memberId(), now) && !removed.remove(m.memberId())) added.add(m.memberId());
        }
        case REMOVE -> {
          if (groups.removeMember(group, m.memberId()) && !added.remove(m.memberId())) removed.add(m.memberId());
        }
        case REMOVE_ALL -> {
          for (String member : groups.memberIds(group.id())) if (!added.remove(member)) removed.add(member);
          groups.removeAllMembers(group);
        }
      }
    }
    groups.flush();
    if (!added.isEmpty() || !removed.isEmpty()) groups.touch(group, now);
    if (renamed) changes.fire(new GroupChanged(directory, group.id(), Kind.UPDATED, group.displayName()));
    if (!added.isEmpty() || !removed.isEmpty()) {
      changes.fire(new MembershipChanged(directory, group.id(), List.copyOf(added), List.copyOf(removed)));
    }
    return new GroupSnapshot(group, returnMembers ? groups.members(group.id()) : null);
  }

  public void delete(DirectoryId directory, String id, Long expectedVersion) {
    Group group = lock(directory, id);
    UserProvisioning.checkVersion(expectedVersion, group.version(), id);
    // first its members leave (observers still see the group's name), then the group goes
    List<String> members = groups.memberIds(group.id());
    groups.removeAllMembers(group);
    groups.flush();
    if (!members.isEmpty()) changes.fire(new MembershipChanged(directory, id, List.of(), members));
    changes.fire(new GroupChanged(directory, id, Kind.DELETED, group.displayName()));
    groups.delete(group);
    groups.flush();
  }

  public Page<GroupSnapshot> search(DirectoryId directory, ResourceQuery query, boolean withMembers) {
    Page<Group> page = groups.search(directory, query);
    return new Page<>(page.items().stream()
        .map(g -> new GroupSnapshot(g, withMembers ? groups.members(g.id()) : null)).toList(), page.total());
  }

  private boolean addMember(DirectoryId directory, Group group, String memberId, Instant now) {
    if (memberId == null || memberId.isBlank()) throw DomainException.invalid("a member needs a value (its id)");
    if (memberId.equals(group.id())) throw DomainException.invalid("a group cannot be a member of itself");
    MemberType type = groups.kindOf(directory, memberId).orElseThrow(() -> DomainException.invalid(
        "member '" + memberId + "' is neither a user nor a group of this directory"));
    return groups.addMember(group, memberId, type, now);
  }

  private Group load(DirectoryId directory, String id) {
    return groups.find(directory, id).orElseThrow(() -> DomainException.notFound("Group " + id + " not found"));
  }

  /** Loads a group to change it: concurrent writers of one group wait for each other (no lost update). */
  private Group lock(DirectoryId directory, String id) {
    return groups.findForUpdate(directory, id).orElseThrow(() -> DomainException.notFound("Group " + id + " not found"));
  }

  private void ensureFree(DirectoryId directory, String displayName, String exceptId) {
    groups.findByDisplayName(directory, displayName)
        .filter(other -> !other.id().equals(exceptId))
        .ifPresent(other -> {
          throw DomainException.uniqueness("displayName '" + displayName + "' is already taken in this directory");
        });
  }

}
