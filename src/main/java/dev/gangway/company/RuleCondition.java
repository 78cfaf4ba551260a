package dev.gangway.company;

import dev.gangway.platform.errors.DomainException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a rule tests: an attribute equal to a value (ignoring case), or a group-name pattern. */
public record RuleCondition(MappingRule.Kind kind, RuleAttribute attribute, String value) {
  public RuleCondition {
    if (value == null || value.isBlank())
      throw DomainException.invalid("a rule needs a value to match");
    if (value.length() > 255)
      throw DomainException.invalid("a rule's value is longer than 255 characters");
  }

  public static RuleCondition attribute(RuleAttribute attribute, String equals) {
    return new RuleCondition(MappingRule.Kind.ATTRIBUTE, attribute, equals);
  }

  /** A pattern where {@code *} stands for any text, e.g. {@code "Partner - Fabrikam*"}. */
  public static RuleCondition groupName(String pattern) {
    return new RuleCondition(MappingRule.Kind.GROUP_NAME, null, pattern);
  }

  public boolean matches(UserFacts user) {
    return switch (kind) {
      case ATTRIBUTE -> {
        String v = user.attribute(attribute);
        yield v != null && v.strip().equalsIgnoreCase(value.strip());
      }
      case GROUP_NAME -> user.groupNames().stream().anyMatch(this::matchesGroupName);
    };
  }

  public boolean matchesGroupName(String groupName) {
    return kind == MappingRule.Kind.GROUP_NAME && globPattern().matcher(groupName).matches();
  }

  private Pattern globPattern() {
    StringBuilder re = new StringBuilder();
    for (String part : value.split("\\*", -1)) {
      if (re.length() > 0) re.append(".*");
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The SQL LIKE pattern of a group-name pattern, lower-cased (for the key column). */
  public String likePattern() {
    return value
        .toLowerCase(Locale.ROOT)
        .replace("\\", "\\\\")
        .replace("%", "\\%")
        .replace("_", "\\_")
        .replace('*', '%');
  }

  public String describe() {
    return kind == MappingRule.Kind.ATTRIBUTE
        ? attribute.canonical() + " equals '" + value + "'"
        : "member of a group named like '" + value + "'";
  }
}
