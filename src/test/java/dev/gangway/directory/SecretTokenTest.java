package dev.gangway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.directory.SecretToken.Hash;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTokenTest {

  @Test
  void generatedTokenCarriesThePrefixAnd32RandomBytes() {
    String token = SecretToken.generate("gwd_");

    assertThat(token).startsWith("gwd_");
    // 32 bytes, base64url without padding: 43 characters
    assertThat(token.substring(4)).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void generatedTokensAreDistinct() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 1000; i++) tokens.add(SecretToken.generate("gwd_"));

    assertThat(tokens).hasSize(1000);
  }

  @Test
  void hashIsDeterministic() {
    String token = SecretToken.generate("gwd_");

    assertThat(Hash.of(token).hex()).isEqualTo(Hash.of(token).hex());
    assertThat(Hash.of(token)).isEqualTo(Hash.of(token)).hasSameHashCodeAs(Hash.of(token));
  }

  @Test
  void hashIsTheSha256OfTheToken() {
    assertThat(Hash.of("abc").hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashMatchesOnlyTheSameToken() {
    String token = SecretToken.generate("gwd_");
    String other = SecretToken.generate("gwd_");

    assertThat(Hash.of(token).matches(Hash.of(token))).isTrue();
    assertThat(Hash.of(token).matches(Hash.of(other))).isFalse();
    assertThat(Hash.of(token)).isNotEqualTo(Hash.of(other));
  }

  @Test
  void hexRoundTrips() {
    Hash hash = Hash.of(SecretToken.generate("gwd_"));

    Hash back = Hash.ofHex(hash.hex());

    assertThat(back.matches(hash)).isTrue();
    assertThat(back.hex()).isEqualTo(hash.hex()).hasSize(64);
  }

  @Test
  void toStringNeverRevealsTheHash() {
    Hash hash = Hash.of(SecretToken.generate("gwd_"));

    assertThat(hash.toString())
        .doesNotContain(hash.hex())
        .doesNotContainIgnoringCase(hash.hex().substring(0, 8));
  }
}
