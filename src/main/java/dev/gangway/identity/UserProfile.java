package dev.gangway.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an IdP may set on a user: the whole writable state, as a create or a full replace
 * delivers it. {@code company} is Gangway's external-identity extension. There is no password:
 * Gangway authenticates no one with it, so one an IdP sends is discarded on arrival.
 */
public record UserProfile(
    String userName,
    String externalId,
    boolean active,
    String displayName,
    String nickName,
    String profileUrl,
    String title,
    String userType,
    String preferredLanguage,
    String locale,
    String timezone,
    PersonName name,
    Enterprise enterprise,
    String company,
    List<MultiValue> values) {

  /**
   * The profile as flat attribute → value pairs, for change records; multi-valued attributes as
   * lists of values.
   */
  public Map<String, Object> auditView() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userName", userName);
    m.put("externalId", externalId);
    m.put("active", active);
    m.put("displayName", displayName);
    m.put("nickName", nickName);
    m.put("profileUrl", profileUrl);
    m.put("title", title);
    m.put("userType", userType);
    m.put("preferredLanguage", preferredLanguage);
    m.put("locale", locale);
    m.put("timezone", timezone);
    m.put("name.givenName", name.givenName());
    m.put("name.familyName", name.familyName());
    m.put("name.middleName", name.middleName());
    m.put("name.formatted", name.formatted());
    m.put("organization", enterprise.organization());
    m.put("department", enterprise.department());
    m.put("division", enterprise.division());
    m.put("costCenter", enterprise.costCenter());
    m.put("employeeNumber", enterprise.employeeNumber());
    m.put("manager", enterprise.managerId());
    m.put("company", company);
    for (MultiValue v : values) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) m.computeIfAbsent(v.attribute(), k -> new ArrayList<>());
      list.add(v.value() == null ? v.detailJson() : v.value());
    }
    return m;
  }

  /** Each attribute whose value differs between two profiles, as {@code [before, after]}. */
  public static Map<String, List<Object>> changes(UserProfile before, UserProfile after) {
    Map<String, Object> b = before == null ? Map.of() : before.auditView();
    Map<String, Object> a = after.auditView();
    Map<String, List<Object>> out = new LinkedHashMap<>();
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      Object x = b.get(k);
      Object y = a.get(k);
      if (!Objects.equals(x, y)) {
        out.put(k, Arrays.asList(x, y));
      }
    }
    return out;
  }

  public UserProfile {
    name = name == null ? PersonName.empty() : name;
    enterprise = enterprise == null ? Enterprise.empty() : enterprise;
    values = values == null ? List.of() : List.copyOf(values);
  }
}
