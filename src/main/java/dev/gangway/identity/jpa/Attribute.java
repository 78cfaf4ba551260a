package dev.gangway.identity.jpa;

/**
 * How one filterable SCIM attribute is stored: a column of the resource's own table, or a value in
 * a related table that a subquery tests ({@code exists (...)}).
 *
 * @param path JPQL path of the column, relative to the alias of the table it lives in
 * @param type how values are compared
 * @param related where the column lives: null for the resource's own table
 * @param keyPath for case-insensitive text with a lower-cased key column: that column's path
 */
record Attribute(String path, Type type, Related related, String keyPath) {
  enum Type {
    TEXT,
    EXACT_TEXT,
    BOOLEAN,
    INSTANT
  }

  /** A related table: a multi-valued user attribute, or membership rows. */
  record Related(String entity, String link, String discriminator) {}

  static Attribute text(String path) {
    return new Attribute(path, Type.TEXT, null, null);
  }

  static Attribute keyed(String path, String keyPath) {
    return new Attribute(path, Type.TEXT, null, keyPath);
  }

  static Attribute exact(String path) {
    return new Attribute(path, Type.EXACT_TEXT, null, null);
  }

  static Attribute bool(String path) {
    return new Attribute(path, Type.BOOLEAN, null, null);
  }

  static Attribute instant(String path) {
    return new Attribute(path, Type.INSTANT, null, null);
  }

  Attribute in(Related r) {
    return new Attribute(path, type, r, keyPath);
  }
}
