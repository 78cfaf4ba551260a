package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.apache.directory.scim.protocol.Constants;

/**
 * Writes the JSON documents Gangway builds itself (resources after projection, discovery, bulk).
 */
@Provider
@Produces({Constants.SCIM_CONTENT_TYPE, MediaType.APPLICATION_JSON})
public class JsonNodeWriter implements MessageBodyWriter<JsonNode> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean isWriteable(
      Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
    return JsonNode.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      JsonNode node,
      Class<?> type,
      Type generic,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    JSON.writeValue(out, node);
  }
}
