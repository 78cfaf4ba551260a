package dev.gangway.platform.persistence;

/** The two databases Gangway runs on. */
public enum DatabaseKind {
  EMBEDDED,
  MARIADB;

  /** A description of a configured URL that is safe to log: no credentials, no query string. */
  public static String describe(String url) {
    if (url == null) return "no database URL";
    if (url.startsWith(RoutingDataSource.EMBEDDED_PREFIX)) {
      return "embedded database in " + url.substring(RoutingDataSource.EMBEDDED_PREFIX.length());
    }
    String noQuery = url.replaceAll("[?;].*$", "");
    return noQuery.replaceAll("//[^/@]*@", "//");
  }
}
