package dev.gangway.platform.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores instants as UTC {@code DATETIME(6)}: no driver or JVM time zone shifts them on the way in
 * or out.
 */
@Converter(autoApply = true)
public class InstantColumn implements AttributeConverter<Instant, LocalDateTime> {
  /** An instant as the UTC wall time stored, for native queries. */
  public static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A time value a native query read back (driver-dependent type) as the instant it stores. */
  public static Instant instant(Object value) {
    if (value == null) return null;
    if (value instanceof Timestamp t) return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    if (value instanceof LocalDateTime l) return l.toInstant(ZoneOffset.UTC);
    if (value instanceof OffsetDateTime o) return o.toInstant();
    throw new IllegalStateException("unexpected time type " + value.getClass());
  }

  @Override
  public LocalDateTime convertToDatabaseColumn(Instant instant) {
    return utc(instant);
  }

  @Override
  public Instant convertToEntityAttribute(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
