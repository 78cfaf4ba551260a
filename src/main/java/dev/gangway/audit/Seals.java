package dev.gangway.audit;

import dev.gangway.platform.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit log's cryptography, with no database and no container: a record's keyed content MAC, a
 * sealed block's entries, hash and keyed seal. Holds the audit key (never printed); its key id, the
 * first 16 hex digits of SHA-256("gangway-audit-key-id" + key), may be shown and logged.
 */
public final class Seals {
  /** The hash before the first block (and before the first legacy record). */
  public static final String ZERO = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String keyId;

  public Seals(byte[] key) {
    if (key == null || key.length < 32)
      throw new IllegalArgumentException("the audit key needs at least 32 bytes");
    this.key = key.clone();
    this.keyId =
        HEX.formatHex(sha256(concat("gangway-audit-key-id".getBytes(StandardCharsets.UTF_8), key)))
            .substring(0, 16);
  }

  /** Safe to show: identifies the key without revealing it. */
  public String keyId() {
    return keyId;
  }

  /** A fresh random salt for a record: 128 bits, hex. Two records never share a MAC. */
  static String newSalt() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HEX.formatHex(b);
  }

  /**
   * A record's MAC: HMAC-SHA256 under the audit key over its salt and every field. Computed when
   * the record is written, so that someone who can write the table but lacks the key can neither
   * alter a record nor add one, sealed or not.
   */
  public String recordMac(
      String salt,
      Instant at,
      String actor,
      String action,
      String targetType,
      String targetId,
      String detail,
      String cause) {
    return hmac(
        String.join(
            "\u001f",
            "gangway-audit-record-v2",
            salt,
            at.toString(),
            actor,
            action,
            targetType,
            targetId,
            detail,
            cause));
  }

  /** A record's content hash as Gangway computed it before sealing existed (unkeyed, chained). */
  public static String legacyHash(
      long seq,
      Instant at,
      String actor,
      String action,
      String targetType,
      String targetId,
      String detail,
      String cause,
      String prevHash) {
    return sha256Hex(
        String.join(
            "\u001f",
            Long.toString(seq),
            at.toString(),
            actor,
            action,
            targetType,
            targetId,
            detail,
            cause,
            prevHash));
  }

  /** One sealed record as a block lists it: its id, time and content hash. */
  public record Entry(long seq, Instant at, String hash) {
    String line() {
      return seq + " " + at + " " + hash;
    }

    static Entry parse(String line) {
      String[] p = line.split(" ");
      if (p.length != 3) throw new IllegalArgumentException("malformed block entry");
      return new Entry(Long.parseLong(p[0]), Instant.parse(p[1]), p[2]);
    }
  }

  /** Entries in seq order, one line each. */
  public static String encode(List<Entry> entries) {
    StringBuilder sb = new StringBuilder(entries.size() * 100);
    for (Entry e : entries) sb.append(e.line()).append('\n');
    return sb.toString();
  }

  /** The entries a block lists; a block whose text does not parse is reported as altered. */
  public static List<Entry> decode(String text) {
    List<Entry> out = new ArrayList<>();
    for (String line : text.split("\n")) if (!line.isEmpty()) out.add(Entry.parse(line));
    return out;
  }

  /**
   * What a block's hash and seal cover: its number, the previous block's hash, when and under which
   * key, its entries.
   */
  static String blockContent(
      long num, String prevHash, Instant sealedAt, String keyId, String entries) {
    return "gangway-audit-block-v1\n"
        + num
        + "\n"
        + prevHash
        + "\n"
        + sealedAt
        + "\n"
        + keyId
        + "\n"
        + entries;
  }

  /** The block's hash: the next block links to it; unkeyed, so anyone can recompute the chain. */
  public static String blockHash(
      long num, String prevHash, Instant sealedAt, String keyId, String entries) {
    return sha256Hex(blockContent(num, prevHash, sealedAt, keyId, entries));
  }

  /** The block's seal: HMAC-SHA256 under the audit key over the same content. */
  public String blockHmac(
      long num, String prevHash, Instant sealedAt, String keyId, String entries) {
    return hmac(blockContent(num, prevHash, sealedAt, keyId, entries));
  }

  /** Constant-time comparison of two hex digests. */
  public static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A 256-bit key for another purpose, derived from the audit key (HMAC-SHA256 under it of a
   * purpose label): e.g. the key that encrypts webhook secrets at rest. Knowing a derived key
   * reveals neither the audit key nor any other derived key.
   */
  public byte[] derive(String purpose) {
    return HEX.parseHex(hmac("gangway-derived-key-v1\u001f" + purpose));
  }

  String hmac(String content) {
    return HEX.formatHex(Hmac.sha256(key, content));
  }

  static String sha256Hex(String content) {
    return HEX.formatHex(sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public String toString() {
    return "Seals[key " + keyId + "]";
  }
}
