package dev.gangway.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gangway.identity.Group;
import dev.gangway.identity.GroupProfile;
import dev.gangway.identity.GroupSnapshot;
import dev.gangway.identity.MemberRef;
import dev.gangway.identity.MemberType;
import dev.gangway.platform.errors.DomainException;
import java.util.ArrayList;
import java.util.List;

/** A group as a SCIM JSON document, and back. */
final class GroupJson {
  private GroupJson() {}

  static ObjectNode toJson(GroupSnapshot s, String baseUri) {
    Group g = s.group();
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.putArray("schemas").add(ScimSchema.GROUP);
    doc.put("id", g.id());
    UserJson.putIf(doc, "externalId", g.externalId());
    doc.put("displayName", g.displayName());
    if (s.members() != null) {
      ArrayNode members = doc.putArray("members");
      for (MemberRef m : s.members()) {
        String kind = m.type() == MemberType.USER ? "Users" : "Groups";
        ObjectNode e =
            members
                .addObject()
                .put("value", m.id())
                .put("$ref", baseUri + kind + "/" + m.id())
                .put("type", m.type() == MemberType.USER ? "User" : "Group");
        UserJson.putIf(e, "display", m.display());
      }
    }
    ScimMeta.put(
        doc, "Group", g.createdAt(), g.modifiedAt(), g.version(), baseUri + "Groups/" + g.id());
    return doc;
  }

  static GroupProfile toProfile(JsonNode doc) {
    return new GroupProfile(UserJson.text(doc, "displayName"), UserJson.text(doc, "externalId"));
  }

  /** The member ids a document lists (a create or a full replace). */
  static List<String> memberIds(JsonNode doc) {
    JsonNode members = doc.get("members");
    List<String> ids = new ArrayList<>();
    if (members == null || members.isNull()) return ids;
    if (!members.isArray())
      throw DomainException.invalid("members must be a list of {\"value\": id}");
    for (JsonNode m : members) ids.add(memberId(m));
    return ids;
  }

  static String memberId(JsonNode m) {
    String id = m.isObject() ? UserJson.text(m, "value") : m.isTextual() ? m.asText() : null;
    if (id == null || id.isBlank())
      throw DomainException.invalid("a member needs \"value\": the member's id");
    return id;
  }
}
