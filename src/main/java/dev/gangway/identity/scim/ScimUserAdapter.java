package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.directory.CurrentDirectory;
import dev.gangway.identity.Page;
import dev.gangway.identity.UserProvisioning;
import dev.gangway.identity.UserSnapshot;
import dev.gangway.platform.persistence.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.apache.directory.scim.core.repository.Repository;
import org.apache.directory.scim.spec.extension.EnterpriseExtension;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterResponse;
import org.apache.directory.scim.spec.filter.PageRequest;
import org.apache.directory.scim.spec.filter.SortRequest;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.ScimExtension;
import org.apache.directory.scim.spec.resources.ScimUser;

/** SCIMple's user repository: translates SCIM to {@link UserProvisioning} and back. */
@ApplicationScoped
public class ScimUserAdapter implements Repository<ScimUser> {
  private static final JsonPatch PATCH = new JsonPatch(ScimSchema.USERS);

  private UserProvisioning provisioning;
  private CurrentDirectory directory;
  private ScimRequest request;
  private ScimJson json;

  protected ScimUserAdapter() {}

  @Inject
  ScimUserAdapter(UserProvisioning provisioning, CurrentDirectory directory, ScimRequest request, ScimJson json) {
    this.provisioning = provisioning;
    this.directory = directory;
    this.request = request;
    this.json = json;
  }

  @Override public Class<ScimUser> getResourceClass() { return ScimUser.class; }

  @Override public List<Class<? extends ScimExtension>> getExtensionList() {
    return List.of(EnterpriseExtension.class, GangwayUserExtension.class);
  }

  @Override
  public ScimUser create(ScimUser resource) {
    return scim(create(request.body().orElseGet(() -> json.tree(resource))));
  }

  @Override
  public ScimUser get(String id) {
    return toScim(provisioning.get(directory.get(), id));
  }

  @Override
  public ScimUser update(String id, String version, ScimUser resource,
                         Set<AttributeReference> attributes, Set<AttributeReference> excluded) {
    return scim(replace(id, request.expectedVersion(), request.body().orElseGet(() -> json.tree(resource))));
  }

  @Override
  public ScimUser patch(String id, String version, List<PatchOperation> operations,
                        Set<AttributeReference> attributes, Set<AttributeReference> excluded) {
    return scim(patch(id, request.expectedVersion(), operations(operations, json)));
  }

  @Override
  public void delete(String id) {
    delete(id, request.expectedVersion());
  }

  /** POST: the document as the client sent it, checked against the schema files. */
  ObjectNode create(ObjectNode body) {
    RequestValidation.schemas(ScimSchema.USERS, body);
    var profile = UserJson.toProfile(RequestValidation.check(ScimSchema.USERS, body, null));
    return render(Retry.transaction(() -> provisioning.create(directory.get(), profile)));
  }

  /** PUT: what the document leaves out is cleared; read-only attributes are ignored. */
  ObjectNode replace(String id, Long expectedVersion, ObjectNode body) {
    RequestValidation.schemas(ScimSchema.USERS, body);
    return render(Retry.transaction(() -> provisioning.modify(directory.get(), id, expectedVersion, current ->
        UserJson.toProfile(RequestValidation.check(ScimSchema.USERS, body, UserJson.toJson(current, request.baseUri()))))));
  }

  /** PATCH: all operations on a copy of the stored document, the result checked like a PUT. */
  ObjectNode patch(String id, Long expectedVersion, List<JsonPatch.Operation> ops) {
    return render(Retry.transaction(() -> provisioning.modify(directory.get(), id, expectedVersion, current -> {
      ObjectNode before = UserJson.toJson(current, request.baseUri());
      return UserJson.toProfile(RequestValidation.check(ScimSchema.USERS, PATCH.apply(before, ops), before));
    })));
  }

  void delete(String id, Long expectedVersion) {
    Retry.transaction(() -> {
      provisioning.delete(directory.get(), id, expectedVersion);
      return null;
    });
  }

  @Override
  public FilterResponse<ScimUser> find(Filter filter, PageRequest page, SortRequest sort) {
    Page<UserSnapshot> result = provisioning.search(directory.get(), ScimPaging.query(filter, page, sort));
    request.listed(result.total(), ScimPaging.startIndex(page));
    return new FilterResponse<>(result.items().stream().map(this::toScim).toList(),
        ScimPaging.answered(page), (int) result.total());
  }

  /** A page of matching users as their documents (the root .search merges them with groups). */
  Page<ObjectNode> documents(dev.gangway.identity.ResourceQuery query) {
    Page<UserSnapshot> result = provisioning.search(directory.get(), query);
    return new Page<>(result.items().stream().map(u -> UserJson.toJson(u, request.baseUri())).toList(), result.total());
  }

  private ScimUser toScim(UserSnapshot snapshot) { return scim(render(snapshot)); }

  /** The user's document, noted for the response (which is written from it). */
  private ObjectNode render(UserSnapshot snapshot) {
    ObjectNode doc = UserJson.toJson(snapshot, request.baseUri());
    request.rendered(doc);
    return doc;
  }

  /** SCIMple's carrier of a rendered document: it needs an object for ids, locations and ETags. */
  private ScimUser scim(ObjectNode doc) { return json.read(doc, ScimUser.class); }

  static List<JsonPatch.Operation> operations(List<PatchOperation> operations, ScimJson json) {
    if (operations == null || operations.isEmpty()) {
      throw dev.gangway.platform.errors.DomainException.invalid("a PATCH needs at least one operation in \"Operations\"");
    }
    return operations.stream().map(o -> new JsonPatch.Operation(
        o.getOperation() == null ? null : o.getOperation().name(),
        o.getPath() == null ? null : o.getPath().toString(),
        json.value(o.getValue()))).toList();
  }
}
