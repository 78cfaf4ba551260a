package dev.gangway.admin;

import dev.gangway.access.AccessQueries;
import dev.gangway.company.CompanyQueries;
import dev.gangway.identity.IdentityQueries;
import dev.gangway.identity.UserSummary;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.signin.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/users?search=}: find a user across directories; {@code /users/{id}/access}: why
 * it has what it has.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
  private IdentityQueries users;
  private CompanyQueries companies;
  private AccessQueries access;

  protected UsersResource() {}

  @Inject
  UsersResource(IdentityQueries users, CompanyQueries companies, AccessQueries access) {
    this.users = users;
    this.companies = companies;
    this.access = access;
  }

  public record UserRow(
      String id,
      String userName,
      String displayName,
      long directoryId,
      boolean active,
      String company) {}

  public record Found(List<UserRow> items) {}

  /** Why a user has what it has, across projects; and what a full licence pool keeps it from. */
  @GET
  @MinimumRole(Role.VIEWER)
  @Path("{id}/access")
  public AccessQueries.UserAccess access(@jakarta.ws.rs.PathParam("id") String id) {
    return access.user(id);
  }

  @GET
  @MinimumRole(Role.VIEWER)
  public Found search(
      @QueryParam("search") String search, @QueryParam("limit") @DefaultValue("20") int limit) {
    if (search == null || search.isBlank())
      throw DomainException.invalid(
          "search (an id, or the start of a userName or email) is required");
    List<UserSummary> found = users.findUsers(search, Math.max(1, Admin.limit(limit)));
    Map<String, String> placed =
        companies.companyKeysOf(found.stream().map(UserSummary::id).toList());
    return new Found(
        found.stream()
            .map(
                u ->
                    new UserRow(
                        u.id(),
                        u.userName(),
                        u.displayName(),
                        u.directoryId(),
                        u.active(),
                        placed.get(u.id())))
            .toList());
  }
}
