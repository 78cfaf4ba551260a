package dev.gangway.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScimMetaTest {

  @Test
  void etagIsAWeakQuotedVersion() {
    assertThat(ScimMeta.etag(3)).isEqualTo("W/\"3\"");
  }

  @Test
  void weakEtagParsesBackToItsVersion() {
    assertThat(ScimMeta.parseEtag("W/\"3\"")).isEqualTo(3L);
    assertThat(ScimMeta.parseEtag(ScimMeta.etag(1234567890123L))).isEqualTo(1234567890123L);
  }

  @Test
  void strongEtagNamesTheSameVersion() {
    assertThat(ScimMeta.parseEtag("\"3\"")).isEqualTo(3L);
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(ScimMeta.parseEtag("  W/\"7\" ")).isEqualTo(7L);
  }

  @Test
  void wildcardNamesNoVersion() {
    assertThat(ScimMeta.parseEtag("*")).isNull();
    assertThat(ScimMeta.parseEtag(" * ")).isNull();
  }

  @Test
  void absentOrBlankHeaderNamesNoVersion() {
    assertThat(ScimMeta.parseEtag(null)).isNull();
    assertThat(ScimMeta.parseEtag("   ")).isNull();
  }

  @Test
  void tagWeNeverIssuedMatchesNoVersion() {
    assertThat(ScimMeta.parseEtag("W/\"abc\"")).isEqualTo(-1L);
    assertThat(ScimMeta.parseEtag("garbage")).isEqualTo(-1L);
  }
}
