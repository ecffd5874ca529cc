package dev.outpost.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.manifest.ManifestContent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentVerifierTest {
  private static final byte[] CONTENT = "hello, outpost".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(CONTENT);

  @Test
  void contentFedInPiecesVerifies() {
    ContentVerifier verifier = ContentVerifier.of(DIGEST, CONTENT.length);
    verifier.update(CONTENT, 0, 5);
    verifier.update(CONTENT, 5, CONTENT.length - 5);

    verifier.verify();
    assertThat(verifier.count()).isEqualTo(CONTENT.length);
    assertThat(verifier.remaining()).isZero();
  }

  @Test
  void shortContentIsAMismatchNamingTheSizes() {
    ContentVerifier verifier = ContentVerifier.of(DIGEST, CONTENT.length);
    verifier.update(CONTENT, 0, 3);

    assertThatThrownBy(verifier::verify).isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(DIGEST.toString()).hasMessageContaining("got 3 bytes, expected " + CONTENT.length);
  }

  @Test
  void sameSizeDifferentBytesIsAMismatchNamingTheActualHash() {
    byte[] other = CONTENT.clone();
    other[0] ^= 1;
    ContentVerifier verifier = ContentVerifier.of(DIGEST, CONTENT.length);
    verifier.update(other, 0, other.length);

    assertThatThrownBy(verifier::verify).isInstanceOfSatisfying(DigestMismatchException.class,
        e -> assertThat(e.expected()).isEqualTo(DIGEST)).hasMessageContaining(Digest.sha256(other).toString());
  }

  @Test
  void unknownSizeChecksTheHashOnly() {
    assertThat(ContentVerifier.verify(CONTENT, DIGEST)).isEqualTo(DIGEST);
    assertThat(ContentVerifier.of(DIGEST).remaining()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> ContentVerifier.verify(Arrays.copyOf(CONTENT, 3), DIGEST))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void sha512DigestsAreVerifiedWithTheirOwnAlgorithm() throws Exception {
    byte[] raw = java.security.MessageDigest.getInstance("SHA-512").digest(CONTENT);
    Digest sha512 = Digest.parse("sha512:" + java.util.HexFormat.of().formatHex(raw));

    assertThat(ContentVerifier.verify(CONTENT, sha512)).isEqualTo(sha512);
  }

  @Test
  void aManifestContentCannotBeMadeWithoutHashingItsBytes() {
    assertThat(ManifestContent.class.getConstructors()).isEmpty();
    assertThat(ManifestContent.of(CONTENT, MediaType.OCI_MANIFEST).digest()).isEqualTo(DIGEST);
    assertThatThrownBy(() -> ManifestContent.verified(CONTENT, MediaType.OCI_MANIFEST, Digest.sha256(new byte[0])))
        .isInstanceOf(DigestMismatchException.class);
  }
}
