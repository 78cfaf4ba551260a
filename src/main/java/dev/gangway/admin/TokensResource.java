package dev.gangway.admin;

import dev.gangway.platform.errors.DomainException;
import dev.gangway.signin.CurrentCaller;
import dev.gangway.signin.PersonalTokens;
import dev.gangway.signin.TokenSummary;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;

/**
 * {@code /admin/api/tokens}: personal API tokens for scripts. Creating and revoking need {@code
 * admin} (the default for writes); the list (no secrets) is a read.
 */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {
  private PersonalTokens tokens;
  private CurrentCaller caller;

  protected TokensResource() {}

  @Inject
  TokensResource(PersonalTokens tokens, CurrentCaller caller) {
    this.tokens = tokens;
    this.caller = caller;
  }

  public record NewToken(String name, String role, String expiresIn) {}

  /** A token as admins see it; {@code token} (the secret) only in the answer that created it. */
  public record TokenView(
      long id,
      String name,
      String role,
      String status,
      Instant createdAt,
      String createdBy,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt,
      String token) {
    static TokenView of(TokenSummary t, String secret) {
      return new TokenView(
          t.id(),
          t.name(),
          t.role(),
          t.status(),
          t.createdAt(),
          t.createdBy(),
          t.expiresAt(),
          t.lastUsedAt(),
          t.revokedAt(),
          secret);
    }
  }

  @POST
  public Response create(NewToken body, @Context UriInfo uri) {
    Admin.require(body, "{\"name\",\"role\",\"expiresIn\"}");
    String by = caller.get().map(c -> c.actor()).orElse("admin");
    PersonalTokens.Issued issued = tokens.create(body.name(), body.role(), body.expiresIn(), by);
    return Response.created(
            uri.getAbsolutePathBuilder().path(String.valueOf(issued.token().id())).build())
        .entity(TokenView.of(issued.token(), issued.secret()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  public List<TokenView> list() {
    return tokens.list().stream().map(t -> TokenView.of(t, null)).toList();
  }

  /** Revoked at once: the next call with it is refused. */
  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    long tokenId;
    try {
      tokenId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw DomainException.notFound("no token " + id);
    }
    tokens.revoke(tokenId);
    return Response.noContent().build();
  }
}
