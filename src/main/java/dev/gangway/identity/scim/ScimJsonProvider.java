package dev.gangway.identity.scim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.apache.directory.scim.protocol.Constants;
import org.apache.directory.scim.server.rest.ScimJacksonXmlBindJsonProvider;

/** SCIMple's JSON provider, with Gangway's corrected mapper ({@link ScimJson}). */
@Provider
@ApplicationScoped
@Consumes({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class ScimJsonProvider extends ScimJacksonXmlBindJsonProvider {
  public ScimJsonProvider() {}

  @Inject
  public ScimJsonProvider(ScimJson json) {
    setMapper(json.mapper());
  }
}
