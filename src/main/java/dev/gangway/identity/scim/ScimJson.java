package dev.gangway.identity.scim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.LocalDateTime;
import org.apache.directory.scim.core.json.ObjectMapperFactory;
import org.apache.directory.scim.core.schema.SchemaRegistry;
import org.apache.directory.scim.spec.extension.EnterpriseExtension;
import org.apache.directory.scim.spec.schema.Meta;

/**
 * SCIMple's JSON mapper with two corrections: {@code meta} dates carry their UTC offset ("Z";
 * SCIMple drops it), and the enterprise manager may arrive as a bare id string (Entra).
 */
@ApplicationScoped
public class ScimJson {
  private ObjectMapper mapper;

  protected ScimJson() {}

  @Inject
  ScimJson(SchemaRegistry schemas) {
    SimpleModule module = new SimpleModule("gangway-scim");
    module.addSerializer(Meta.class, new MetaSerializer());
    this.mapper = ObjectMapperFactory.createObjectMapper(schemas).registerModule(module)
        .addHandler(new ManagerAsString());
  }

  public ObjectMapper mapper() { return mapper; }

  ObjectNode tree(Object resource) { return mapper.valueToTree(resource); }

  JsonNode value(Object value) { return value == null ? null : mapper.valueToTree(value); }

  <T> T read(JsonNode doc, Class<T> type) {
    try {
      return mapper.treeToValue(doc, type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot map a stored resource to SCIM", e);
    }
  }

  private static final class MetaSerializer extends StdSerializer<Meta> {
    MetaSerializer() { super(Meta.class); }

    @Override public void serialize(Meta m, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeStartObject();
      if (m.getResourceType() != null) g.writeStringField("resourceType", m.getResourceType());
      if (m.getCreated() != null) g.writeStringField("created", utc(m.getCreated()));
      if (m.getLastModified() != null) g.writeStringField("lastModified", utc(m.getLastModified()));
      if (m.getLocation() != null) g.writeStringField("location", m.getLocation());
      if (m.getVersion() != null) g.writeStringField("version", m.getVersion());
      g.writeEndObject();
    }

    private static String utc(LocalDateTime t) { return t + "Z"; }
  }

  private static final class ManagerAsString extends DeserializationProblemHandler {
    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> type,
        ValueInstantiator inst, JsonParser p, String msg) throws IOException {
      if (type == EnterpriseExtension.Manager.class && p.currentToken().isScalarValue()) {
        EnterpriseExtension.Manager m = new EnterpriseExtension.Manager();
        String id = p.getValueAsString();
        if (id == null || id.isEmpty()) return null;
        m.setValue(id);
        return m;
      }
      return NOT_HANDLED;
    }
  }
}
