package dev.gangway.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A bearer secret: 32 random bytes, shown once, kept only as its SHA-256. A salt or a slow hash
 * adds nothing for a secret with 256 bits of entropy; a plain digest lets the hash be an indexed
 * lookup key.
 */
public final class SecretToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretToken() {}

  /** A new token with a readable prefix, e.g. {@code gwd_…} for directories. */
  public static String generate(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Writes a new token into {@code file} (owner-only) unless the file exists; when several nodes
   * share the folder, the first one's token stays.
   */
  public static void generateInto(Path file, String prefix) throws IOException {
    Files.createDirectories(file.getParent());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    Files.writeString(
        file,
        generate(prefix) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** The SHA-256 of a presented or generated token. */
  public record Hash(byte[] bytes) {
    public static Hash of(String token) {
      try {
        return new Hash(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }

    public static Hash ofHex(String hex) {
      return new Hash(HexFormat.of().parseHex(hex));
    }

    public String hex() {
      return HexFormat.of().formatHex(bytes);
    }

    /** Constant-time comparison. */
    public boolean matches(Hash other) {
      return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hash h && matches(h);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Hash[redacted]";
    }
  }
}
