package dev.gangway.identity;

import dev.gangway.directory.DirectoryId;
import dev.gangway.identity.IdentityChange.GroupChanged;
import dev.gangway.identity.IdentityChange.Kind;
import dev.gangway.identity.IdentityChange.MembershipChanged;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Use cases of an IdP on groups; each call is one transaction. Membership changes are row inserts
 * and deletes: their cost does not depend on the group's size.
 */
@ApplicationScoped
@Transactional
public class GroupProvisioning {
  private GroupRepository groups;
  private Clock clock;
  private Event<IdentityChange> changes;

  protected GroupProvisioning() {}

  @Inject
  GroupProvisioning(GroupRepository groups, Clock clock, Event<IdentityChange> changes) {
    this.groups = groups;
    this.clock = clock;
    this.changes = changes;
  }

  /** A group's new state: its profile (null keeps it) and membership changes in order. */
  public record GroupChange(GroupProfile profile, List<MemberChange> members) {}

  public GroupSnapshot create(
      DirectoryId directory, GroupProfile profile, List<String> memberIds, boolean returnMembers) {
    Instant now = clock.instant();
    Group group = new Group(directory.value(), profile, now);
    ensureFree(directory, group.displayName(), null);
    groups.add(group);
    List<String> added = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>(memberIds);
    ids.forEach(GroupProvisioning::checkMemberValue);
    ids.forEach(id -> checkNotSelf(group, id));
    Map<String, Boolean> users =
        ids.isEmpty() ? Map.of() : groups.usersAmong(directory, group.id(), ids);
    for (String id : ids) { // a new group has no members yet: each is a row to insert
      groups.insertMember(
          group, id, users.containsKey(id) ? MemberType.USER : kindOf(directory, id), now);
      added.add(id);
    }
    groups.flush();
    changes.fire(new GroupChanged(directory, group.id(), Kind.CREATED, group.displayName()));
    if (!added.isEmpty())
      changes.fire(new MembershipChanged(directory, group.id(), added, List.of()));
    return new GroupSnapshot(group, returnMembers ? groups.members(group.id()) : null);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public GroupSnapshot get(DirectoryId directory, String id, boolean withMembers) {
    Group group = load(directory, id);
    return new GroupSnapshot(group, withMembers ? groups.members(group.id()) : null);
  }

  /** Full replace (PUT): the member list given becomes the member list. */
  public GroupSnapshot replace(
      DirectoryId directory,
      String id,
      Long expectedVersion,
      GroupProfile profile,
      List<String> memberIds,
      boolean returnMembers) {
    return modify(
        directory,
        id,
        expectedVersion,
        current -> {
          Set<String> wanted = new LinkedHashSet<>(memberIds);
          List<MemberChange> diff = new ArrayList<>();
          for (String present : groups.memberIds(current.id())) {
            if (!wanted.remove(present)) diff.add(MemberChange.remove(present));
          }
          wanted.forEach(m -> diff.add(MemberChange.add(m)));
          return new GroupChange(profile, diff);
        },
        returnMembers);
  }

  /** PATCH: a change computed from the current group, applied whole or not at all. */
  public GroupSnapshot modify(
      DirectoryId directory,
      String id,
      Long expectedVersion,
      Function<Group, GroupChange> change,
      boolean returnMembers) {
    Group group = lock(directory, id);
    UserProvisioning.checkVersion(expectedVersion, group.version(), id);
    GroupChange c = change.apply(group);
    Instant now = clock.instant();
    Members members = new Members(directory, group, c.members(), now);
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
          if (members.add(m.memberId()) && !removed.remove(m.memberId())) added.add(m.memberId());
        }
        case REMOVE -> {
          if (members.remove(m.memberId()) && !added.remove(m.memberId()))
            removed.add(m.memberId());
        }
        case REMOVE_ALL -> {
          groups.flush();
          for (String member : groups.memberIds(group.id()))
            if (!added.remove(member)) removed.add(member);
          groups.removeAllMembers(group);
          members.clear();
        }
      }
    }
    groups.flush();
    if (!added.isEmpty() || !removed.isEmpty()) groups.touch(group, now);
    if (renamed)
      changes.fire(new GroupChanged(directory, group.id(), Kind.UPDATED, group.displayName()));
    if (!added.isEmpty() || !removed.isEmpty()) {
      changes.fire(
          new MembershipChanged(directory, group.id(), List.copyOf(added), List.copyOf(removed)));
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

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<GroupSnapshot> search(
      DirectoryId directory, ResourceQuery query, boolean withMembers) {
    Page<Group> page = groups.search(directory, query);
    Map<String, List<MemberRef>> members =
        withMembers && !page.items().isEmpty()
            ? groups.membersOf(page.items().stream().map(Group::id).toList())
            : Map.of();
    return new Page<>(
        page.items().stream()
            .map(g -> new GroupSnapshot(g, withMembers ? members.get(g.id()) : null))
            .toList(),
        page.total());
  }

  private static void checkMemberValue(String memberId) {
    if (memberId == null || memberId.isBlank())
      throw DomainException.invalid("a member needs a value (its id)");
  }

  private static void checkNotSelf(Group group, String memberId) {
    if (memberId.equals(group.id()))
      throw DomainException.invalid("a group cannot be a member of itself");
  }

  private MemberType kindOf(DirectoryId directory, String memberId) {
    return groups
        .kindOf(directory, memberId)
        .orElseThrow(
            () ->
                DomainException.invalid(
                    "member '" + memberId + "' is neither a user nor a group of this directory"));
  }

  /**
   * The member rows one change of a locked group writes. A single added user is one {@code INSERT …
   * SELECT} that checks the user and the row itself; several added members are read in one query
   * (which are users of the directory, which are members already) and then inserted as one batch.
   * Removes are row deletes.
   */
  private final class Members {
    private final DirectoryId directory;
    private final Group group;
    private final Instant now;
    private final Map<String, Boolean>
        users; // user id -> member now; null: one add, checked by its insert
    private final Set<String> addedHere = new HashSet<>();

    Members(DirectoryId directory, Group group, List<MemberChange> changes, Instant now) {
      this.directory = directory;
      this.group = group;
      this.now = now;
      Set<String> adds = new LinkedHashSet<>();
      for (MemberChange m : changes)
        if (m.kind() == MemberChange.Kind.ADD && m.memberId() != null) adds.add(m.memberId());
      this.users =
          adds.size() <= 1 ? null : new HashMap<>(groups.usersAmong(directory, group.id(), adds));
    }

    /** True when a row was added. */
    boolean add(String memberId) {
      checkMemberValue(memberId);
      checkNotSelf(group, memberId);
      if (users == null) {
        if (groups.addUserMember(group, memberId, now)) return true;
        // not added: already a member, or not a user (a nested group, or nothing of this directory)
        MemberType type = kindOf(directory, memberId);
        return groups.addMember(group, memberId, type, now);
      }
      Boolean present = users.get(memberId);
      if (present == null)
        return groups.addMember(group, memberId, kindOf(directory, memberId), now);
      if (present) return false;
      groups.insertMember(group, memberId, MemberType.USER, now);
      users.put(memberId, true);
      addedHere.add(memberId);
      return true;
    }

    /** True when a row was removed. */
    boolean remove(String memberId) {
      if (users != null && addedHere.remove(memberId)) groups.flush();
      boolean gone = groups.removeMember(group, memberId);
      if (gone && users != null && users.containsKey(memberId)) users.put(memberId, false);
      return gone;
    }

    void clear() {
      if (users != null) users.replaceAll((id, present) -> false);
      addedHere.clear();
    }
  }

  private Group load(DirectoryId directory, String id) {
    return groups
        .find(directory, id)
        .orElseThrow(() -> DomainException.notFound("Group " + id + " not found"));
  }

  /**
   * Loads a group to change it: concurrent writers of one group wait for each other (no lost
   * update).
   */
  private Group lock(DirectoryId directory, String id) {
    return groups
        .findForUpdate(directory, id)
        .orElseThrow(() -> DomainException.notFound("Group " + id + " not found"));
  }

  private void ensureFree(DirectoryId directory, String displayName, String exceptId) {
    groups
        .findByDisplayName(directory, displayName)
        .filter(other -> !other.id().equals(exceptId))
        .ifPresent(
            other -> {
              throw DomainException.uniqueness(
                  "displayName '" + displayName + "' is already taken in this directory");
            });
  }
}
