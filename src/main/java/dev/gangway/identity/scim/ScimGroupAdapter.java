package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.directory.CurrentDirectory;
import dev.gangway.identity.GroupProfile;
import dev.gangway.identity.GroupProvisioning;
import dev.gangway.identity.GroupProvisioning.GroupChange;
import dev.gangway.identity.GroupSnapshot;
import dev.gangway.identity.MemberChange;
import dev.gangway.identity.Page;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.errors.DomainException.Kind;
import dev.gangway.platform.persistence.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.directory.scim.core.repository.Repository;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.FilterResponse;
import org.apache.directory.scim.spec.filter.LogicalExpression;
import org.apache.directory.scim.spec.filter.LogicalOperator;
import org.apache.directory.scim.spec.filter.PageRequest;
import org.apache.directory.scim.spec.filter.SortRequest;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.ScimGroup;

/**
 * SCIMple's group repository. PATCH operations on {@code members} become row inserts and
 * deletes ({@link MemberChange}); the rest is applied to the group's own attributes.
 */
@ApplicationScoped
public class ScimGroupAdapter implements Repository<ScimGroup> {
  private static final JsonPatch PATCH = new JsonPatch(ScimSchema.GROUPS);

  private GroupProvisioning provisioning;
  private CurrentDirectory directory;
  private ScimRequest request;
  private ScimJson json;

  protected ScimGroupAdapter() {}

  @Inject
  ScimGroupAdapter(GroupProvisioning provisioning, CurrentDirectory directory, ScimRequest request, ScimJson json) {
    this.provisioning = provisioning;
    this.directory = directory;
    this.request = request;
    this.json = json;
  }

  @Override public Class<ScimGroup> getResourceClass() { return ScimGroup.class; }

  @Override
  public ScimGroup create(ScimGroup resource) {
    return scim(create(request.body().orElseGet(() -> json.tree(resource)), request.membersWanted()));
  }

  @Override
  public ScimGroup get(String id) {
    return toScim(provisioning.get(directory.get(), id, request.membersWanted()));
  }

  @Override
  public ScimGroup update(String id, String version, ScimGroup resource,
                          Set<AttributeReference> attributes, Set<AttributeReference> excluded) {
    return scim(replace(id, request.expectedVersion(), request.body().orElseGet(() -> json.tree(resource)),
        request.membersWanted()));
  }

  @Override
  public ScimGroup patch(String id, String version, List<PatchOperation> operations,
                         Set<AttributeReference> attributes, Set<AttributeReference> excluded) {
    return scim(patch(id, request.expectedVersion(), ScimUserAdapter.operations(operations, json),
        request.membersWanted() && request.projectionRequested()));
  }

  @Override
  public void delete(String id) {
    delete(id, request.expectedVersion());
  }

  /** POST: the document as the client sent it, checked against the schema files. */
  ObjectNode create(ObjectNode body, boolean returnMembers) {
    RequestValidation.schemas(ScimSchema.GROUPS, body);
    ObjectNode doc = RequestValidation.check(ScimSchema.GROUPS, body, null);
    GroupProfile profile = GroupJson.toProfile(doc);
    List<String> members = GroupJson.memberIds(doc);
    return render(Retry.transaction(() -> provisioning.create(directory.get(), profile, members, returnMembers)));
  }

  /** PUT: the member list given becomes the member list (as a difference of rows). */
  ObjectNode replace(String id, Long expectedVersion, ObjectNode body, boolean returnMembers) {
    RequestValidation.schemas(ScimSchema.GROUPS, body);
    ObjectNode doc = RequestValidation.check(ScimSchema.GROUPS, body, null);
    GroupProfile profile = GroupJson.toProfile(doc);
    List<String> members = GroupJson.memberIds(doc);
    return render(Retry.transaction(() -> provisioning.replace(directory.get(), id, expectedVersion,
        profile, members, returnMembers)));
  }

  /**
   * PATCH: operations on members become row inserts and deletes, never a load of the member
   * list; the others apply to a copy of the group's own attributes, checked like a PUT.
   */
  ObjectNode patch(String id, Long expectedVersion, List<JsonPatch.Operation> ops, boolean returnMembers) {
    List<JsonPatch.Operation> own = new ArrayList<>();
    List<MemberChange> members = new ArrayList<>();
    for (JsonPatch.Operation op : ops) split(op, own, members);
    return render(Retry.transaction(() -> provisioning.modify(directory.get(), id, expectedVersion, group -> {
      if (own.isEmpty()) return new GroupChange(null, members);
      ObjectNode before = GroupJson.toJson(new GroupSnapshot(group, null), request.baseUri());
      return new GroupChange(GroupJson.toProfile(
          RequestValidation.check(ScimSchema.GROUPS, PATCH.apply(before, own), before)), members);
    }, returnMembers)));
  }

  void delete(String id, Long expectedVersion) {
    Retry.transaction(() -> {
      provisioning.delete(directory.get(), id, expectedVersion);
      return null;
    });
  }

  @Override
  public FilterResponse<ScimGroup> find(Filter filter, PageRequest page, SortRequest sort) {
    Page<GroupSnapshot> result = provisioning.search(directory.get(), ScimPaging.query(filter, page, sort),
        request.membersWanted());
    request.listed(result.total(), ScimPaging.startIndex(page));
    return new FilterResponse<>(result.items().stream().map(this::toScim).toList(),
        ScimPaging.answered(page), (int) result.total());
  }

  /** A page of matching groups as their documents (the root .search merges them with users). */
  Page<ObjectNode> documents(dev.gangway.identity.ResourceQuery query, boolean withMembers) {
    Page<GroupSnapshot> result = provisioning.search(directory.get(), query, withMembers);
    return new Page<>(result.items().stream().map(g -> GroupJson.toJson(g, request.baseUri())).toList(), result.total());
  }

  private ScimGroup toScim(GroupSnapshot snapshot) { return scim(render(snapshot)); }

  /** The group's document, noted for the response (which is written from it). */
  private ObjectNode render(GroupSnapshot snapshot) {
    ObjectNode doc = GroupJson.toJson(snapshot, request.baseUri());
    request.rendered(doc);
    return doc;
  }

  private ScimGroup scim(ObjectNode doc) { return json.read(doc, ScimGroup.class); }

  /** Sorts one operation into membership changes and changes of the group's own attributes. */
  private static void split(JsonPatch.Operation op, List<JsonPatch.Operation> own, List<MemberChange> members) {
    if (op.path() != null && !op.path().isBlank()) {
      JsonPatch.Target t = JsonPatch.parsePath(op.path());
      boolean core = t.urn() == null || t.urn().equalsIgnoreCase(ScimSchema.GROUP);
      if (core && "members".equalsIgnoreCase(t.attribute())) {
        members.addAll(memberChanges(op.op(), t, op.value()));
      } else {
        own.add(op);
      }
      return;
    }
    JsonNode value = op.value();
    if (value == null || !value.isObject()) {
      own.add(op);
      return;
    }
    ObjectNode rest = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equalsIgnoreCase("members")) {
        members.addAll(memberChanges(op.op(), new JsonPatch.Target(null, "members", null, null), f.getValue()));
      } else {
        rest.set(f.getKey(), f.getValue());
      }
    }
    if (!rest.isEmpty()) own.add(new JsonPatch.Operation(op.op(), null, rest));
  }

  static List<MemberChange> memberChanges(String op, JsonPatch.Target t, JsonNode value) {
    String o = op == null ? "" : op.toLowerCase();
    List<MemberChange> out = new ArrayList<>();
    if (t.sub() != null) {
      throw new DomainException(Kind.INVALID_PATH, "members." + t.sub() + " cannot be patched; add or remove members");
    }
    if (t.filter() != null) {
      if (!o.equals("remove")) {
        throw new DomainException(Kind.INVALID_PATH, "a members[...] filter applies to remove only");
      }
      List<String> ids = new ArrayList<>();
      if (!valueEqualities(t.filter(), ids)) {
        throw new DomainException(Kind.INVALID_FILTER,
            "members can be selected by value only: members[value eq \"id\"] (or several joined by or)");
      }
      ids.forEach(id -> out.add(MemberChange.remove(id)));
      return out;
    }
    List<JsonNode> listed = new ArrayList<>();
    if (value != null && !value.isNull()) {
      if (value.isArray()) value.forEach(listed::add);
      else listed.add(value);
    }
    switch (o) {
      case "add" -> listed.forEach(v -> out.add(MemberChange.add(GroupJson.memberId(v))));
      case "replace" -> {
        out.add(MemberChange.removeAll());
        listed.forEach(v -> out.add(MemberChange.add(GroupJson.memberId(v))));
      }
      case "remove" -> {
        if (listed.isEmpty()) out.add(MemberChange.removeAll());
        else listed.forEach(v -> out.add(MemberChange.remove(GroupJson.memberId(v)))); // Entra: only these
      }
      default -> throw new DomainException(Kind.INVALID, "op '" + op + "' is not add, replace or remove");
    }
    return out;
  }

  private static boolean valueEqualities(FilterExpression f, List<String> ids) {
    if (f instanceof AttributeComparisonExpression c && c.getOperation() == CompareOperator.EQ
        && "value".equalsIgnoreCase(c.getAttributePath().getSubAttributeName() != null
            ? c.getAttributePath().getSubAttributeName() : c.getAttributePath().getAttributeName())
        && c.getCompareValue() != null) {
      ids.add(String.valueOf(c.getCompareValue()));
      return true;
    }
    return f instanceof LogicalExpression l && l.getOperator() == LogicalOperator.OR
        && valueEqualities(l.getLeft(), ids) && valueEqualities(l.getRight(), ids);
  }
}
