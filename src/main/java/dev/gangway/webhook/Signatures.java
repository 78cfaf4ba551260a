package dev.gangway.webhook;

import dev.gangway.platform.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): a secret is {@code whsec_} and
 * the base64 of 32 random bytes; a signature is {@code v1,} and the base64 of HMAC-SHA256(key = the
 * decoded secret, "{webhook-id}.{webhook-timestamp}.{body}").
 */
public final class Signatures {
  public static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signatures() {}

  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The HMAC key of a secret: the base64 after the {@code whsec_} prefix, decoded. */
  public static byte[] key(String secret) {
    String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    return Base64.getDecoder().decode(b64);
  }

  /** The {@code webhook-signature} header value. */
  public static String sign(String secret, String id, long timestamp, String body) {
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(Hmac.sha256(key(secret), id + "." + timestamp + "." + body));
  }

  /**
   * What a receiver checks: one of the space-separated {@code v1,} signatures matches (compared in
   * constant time) and the timestamp is within {@code toleranceSeconds} of {@code now}.
   */
  public static boolean verify(
      String secret,
      String id,
      String timestamp,
      String body,
      String signatureHeader,
      long nowSeconds,
      long toleranceSeconds) {
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
    byte[] expected = sign(secret, id, ts, body).getBytes(StandardCharsets.UTF_8);
    for (String candidate : signatureHeader.split(" ")) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) return true;
    }
    return false;
  }
}
