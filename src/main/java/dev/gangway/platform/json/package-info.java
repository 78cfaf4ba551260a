/**
 * The one strict Jackson configuration of Gangway's own APIs (unknown fields, trailing data and
 * coerced scalars refused; ISO-8601 instants). Knows no context and no HTTP.
 */
package dev.gangway.platform.json;
