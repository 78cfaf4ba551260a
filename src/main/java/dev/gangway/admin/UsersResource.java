package dev.gangway.admin;

import dev.gangway.identity.User;
import dev.gangway.identity.jpa.JpaUserRepository;
import dev.gangway.platform.errors.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/users?search=}: find a user across directories; {@code /users/{id}/access}:
 * why it has what it has.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
  @Inject JpaUserRepository users;
  @Inject dev.gangway.access.AccessQueries access;
  @PersistenceContext(unitName = "gangway") EntityManager em;

  public record UserRow(String id, String userName, String displayName, long directoryId, boolean active, String company) {}

  public record Found(List<UserRow> items) {}

  /** Why a user has what it has, across projects; and what a full licence pool keeps it from. */
  @GET @MinimumRole(dev.gangway.signin.Role.VIEWER) @Path("{id}/access")
  public dev.gangway.access.AccessQueries.UserAccess access(@jakarta.ws.rs.PathParam("id") String id) {
    return access.user(id);
  }

  @GET @MinimumRole(dev.gangway.signin.Role.VIEWER)
  public Found search(@QueryParam("search") String search, @QueryParam("limit") @DefaultValue("20") int limit) {
    if (search == null || search.isBlank()) throw DomainException.invalid("search (an id, or the start of a userName or email) is required");
    List<User> found = users.find(search, Math.max(1, Admin.limit(limit)));
    Map<String, String> companies = new HashMap<>();
    if (!found.isEmpty()) {
      em.createQuery("select m.userId, c.key from CompanyMember m, Company c where c.id = m.companyId and m.userId in :ids",
              Object[].class)
          .setParameter("ids", found.stream().map(User::id).toList()).getResultList()
          .forEach(r -> companies.put((String) r[0], (String) r[1]));
    }
    return new Found(found.stream().map(u -> new UserRow(u.id(), u.userName().value(), u.displayName(), u.directoryId(),
        u.active(), companies.get(u.id()))).toList());
  }
}
