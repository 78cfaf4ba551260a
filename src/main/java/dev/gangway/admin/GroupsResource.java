package dev.gangway.admin;

import dev.gangway.directory.DirectoryAdministration;
import dev.gangway.directory.DirectorySummary;
import dev.gangway.identity.IdentityQueries;
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
import java.util.stream.Collectors;

/**
 * {@code /admin/api/groups?search=}: find an IdP group by the start of its displayName (or its id)
 * across directories, e.g. to bind it to a project role.
 */
@Path("groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {
  private IdentityQueries groups;
  private DirectoryAdministration directories;

  protected GroupsResource() {}

  @Inject
  GroupsResource(IdentityQueries groups, DirectoryAdministration directories) {
    this.groups = groups;
    this.directories = directories;
  }

  public record GroupRow(String id, String displayName, long directoryId, String directory) {}

  public record Found(List<GroupRow> items) {}

  @GET
  @MinimumRole(Role.VIEWER)
  public Found search(
      @QueryParam("search") String search,
      @QueryParam("directory") Long directory,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    if (search == null || search.isBlank()) {
      throw DomainException.invalid(
          "search (a group id, or the start of a group's displayName) is required");
    }
    Map<Long, String> names =
        directories.list().stream()
            .collect(Collectors.toMap(DirectorySummary::id, DirectorySummary::name));
    List<Long> scope =
        directory == null
            ? List.copyOf(names.keySet())
            : names.containsKey(directory) ? List.of(directory) : List.of();
    if (directory != null && scope.isEmpty())
      throw DomainException.notFound("no directory " + directory);
    return new Found(
        groups.findGroups(scope, search, Math.max(1, Admin.limit(limit))).stream()
            .filter(g -> scope.contains(g.directoryId()))
            .map(
                g ->
                    new GroupRow(
                        g.id(), g.displayName(), g.directoryId(), names.get(g.directoryId())))
            .toList());
  }
}
