package dev.gangway.webhook;

/**
 * Which projects exist, by key: a subscription may be limited to one. Declared here, implemented by
 * the access context (which owns projects), so that webhook reads no table of another context.
 */
public interface ProjectKeys {
  boolean exists(String projectKey);
}
