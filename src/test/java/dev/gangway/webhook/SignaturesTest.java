package dev.gangway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  // the test vector the Standard Webhooks reference libraries sign in their own tests
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final String BODY = "{\"test\": 2432232314}";

  @Test
  void signsTheStandardWebhooksTestVector() {
    assertThat(Signatures.sign(SECRET, ID, TIMESTAMP, BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void verifiesAmongSeveralSignaturesAndRefusesAlteredOrStaleOnes() {
    String good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assertThat(
            Signatures.verify(
                SECRET, ID, "1614265330", BODY, "v1,bm9wZQ== " + good, TIMESTAMP + 10, 300))
        .isTrue();
    assertThat(Signatures.verify(SECRET, ID, "1614265330", BODY + " ", good, TIMESTAMP, 300))
        .isFalse();
    assertThat(Signatures.verify(SECRET, "msg_other", "1614265330", BODY, good, TIMESTAMP, 300))
        .isFalse();
    assertThat(Signatures.verify(SECRET, ID, "1614265330", BODY, good, TIMESTAMP + 301, 300))
        .isFalse();
    assertThat(Signatures.verify(SECRET, ID, "soon", BODY, good, TIMESTAMP, 300)).isFalse();
  }

  @Test
  void aNewSecretIsThePrefixAndTheBase64Of32RandomBytes() {
    String a = Signatures.newSecret();
    String b = Signatures.newSecret();
    assertThat(a).startsWith("whsec_").isNotEqualTo(b);
    assertThat(Base64.getDecoder().decode(a.substring("whsec_".length()))).hasSize(32);
    assertThat(Signatures.key(a)).hasSize(32);
  }
}
