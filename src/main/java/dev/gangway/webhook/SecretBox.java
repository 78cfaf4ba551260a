package dev.gangway.webhook;

import dev.gangway.audit.AuditKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest: AES-256-GCM under a key derived from the audit key (which the database
 * does not hold), a random 96-bit nonce per secret, the subscription id as associated data so a
 * secret copied onto another subscription does not decrypt. Stored as {@code
 * v1:<base64(nonce|ciphertext)>}.
 */
@ApplicationScoped
public class SecretBox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private AuditKey auditKey;
  private volatile SecretKeySpec key;

  protected SecretBox() {}

  @Inject
  SecretBox(AuditKey auditKey) {
    this.auditKey = auditKey;
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) key = k = new SecretKeySpec(auditKey.seals().derive("webhook-secrets"), "AES");
    return k;
  }

  public String seal(String secret, long subscriptionId) {
    return seal(key(), secret, subscriptionId);
  }

  public String open(String sealed, long subscriptionId) {
    return open(key(), sealed, subscriptionId);
  }

  static String seal(SecretKeySpec key, String secret, long subscriptionId) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(subscriptionId));
      byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + ct.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(ct, 0, out, nonce.length, ct.length);
      return "v1:" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  static String open(SecretKeySpec key, String sealed, long subscriptionId) {
    if (!sealed.startsWith("v1:")) throw new IllegalStateException("unknown webhook secret format");
    byte[] in = Base64.getDecoder().decode(sealed.substring(3));
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      c.updateAAD(aad(subscriptionId));
      return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the webhook secret of subscription "
              + subscriptionId
              + " does not decrypt under this node's audit key (another GANGWAY_AUDIT_KEY?)");
    }
  }

  private static byte[] aad(long subscriptionId) {
    return ("gangway-webhook-" + subscriptionId).getBytes(StandardCharsets.UTF_8);
  }
}
