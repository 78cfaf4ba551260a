package dev.gangway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.audit.Seals;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private static SecretKeySpec key(String auditKey) {
    return new SecretKeySpec(
        new Seals(auditKey.getBytes(StandardCharsets.UTF_8)).derive("webhook-secrets"), "AES");
  }

  @Test
  void aSealedSecretOpensOnlyUnderTheSameKeyAndSubscription() {
    SecretKeySpec key = key("gwk_0123456789abcdef0123456789abcdef");
    String secret = Signatures.newSecret();
    String sealed = SecretBox.seal(key, secret, 7);
    assertThat(sealed).startsWith("v1:").doesNotContain(secret.substring(6, 20));
    assertThat(SecretBox.seal(key, secret, 7)).isNotEqualTo(sealed); // a fresh nonce each time
    assertThat(SecretBox.open(key, sealed, 7)).isEqualTo(secret);
    assertThatThrownBy(() -> SecretBox.open(key, sealed, 8))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> SecretBox.open(key("gwk_another-key-another-key-another-key"), sealed, 7))
        .isInstanceOf(IllegalStateException.class);
  }
}
