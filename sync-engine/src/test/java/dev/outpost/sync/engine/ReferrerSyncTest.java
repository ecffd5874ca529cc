package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.ArtifactBuilder;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.select.TagFilter;
import dev.outpost.sync.select.TagPattern;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code referrers: true}: signatures and SBOMs attached through {@code subject} come with their image. */
class ReferrerSyncTest extends RuleTestSupport {
  private static final RepositoryName APP = RepositoryName.of("team/app");
  private final RandomImages images = new RandomImages(9);

  @Test
  void referrersOfTheTaggedImageAndOfItsReferrersArriveWithTheirClosure() {
    Image image = images.ociImage(200, 300);
    Image signature = images.signatureFor(image.descriptor());
    Image sbom = sbomFor(image.descriptor());
    Image sbomSignature = images.signatureFor(sbom.descriptor());
    parent.push(APP.value(), "v1", image).push(APP.value(), null, signature).push(APP.value(), null, sbom)
        .push(APP.value(), null, sbomSignature);

    SyncReport report = pass(rules(Duration.ZERO, rule(true)));

    assertThat(report.failed()).isEmpty();
    for (Image referrer : List.of(signature, sbom, sbomSignature)) {
      assertThat(store().manifest(APP, referrer.digest())).as("referrer %s", referrer.digest()).isPresent();
      referrer.blobs().keySet().forEach(b -> assertThat(store().referencesBlob(APP, b)).isTrue());
    }
    assertThat(store().referrerDescriptors(APP, image.digest())).extracting(Descriptor::digest)
        .containsExactlyInAnyOrder(signature.digest(), sbom.digest());
    assertThat(store().referrerDescriptors(APP, sbom.digest())).extracting(Descriptor::digest)
        .containsExactly(sbomSignature.digest());
    assertThat(store().resolveTag(APP, Tag.of("v1"))).contains(image.digest());
  }

  @Test
  void aSignatureAttachedLaterArrivesWithTheUnchangedTag() {
    Image image = images.ociImage(200);
    parent.push(APP.value(), "v1", image);
    pass(rules(Duration.ZERO, rule(true)));
    Image signature = images.signatureFor(image.descriptor());
    parent.push(APP.value(), null, signature);

    pass(rules(Duration.ZERO, rule(true)));

    assertThat(store().referrerDescriptors(APP, image.digest())).extracting(Descriptor::digest)
        .containsExactly(signature.digest());
  }

  @Test
  void withoutTheSettingReferrersStayUpstream() {
    Image image = images.ociImage(200);
    Image signature = images.signatureFor(image.descriptor());
    parent.push(APP.value(), "v1", image).push(APP.value(), null, signature);

    pass(rules(Duration.ZERO, rule(false)));

    assertThat(store().manifest(APP, image.digest())).isPresent();
    assertThat(store().manifest(APP, signature.digest())).isEmpty();
    assertThat(parent.requests()).noneMatch(r -> r.path().contains("/referrers/"));
  }

  private static Image sbomFor(Descriptor subject) {
    return ArtifactBuilder.of("application/spdx+json", subject)
        .blob(new MediaType("application/spdx+json"), "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8))
        .annotation("org.opencontainers.image.created", "2025-01-01T00:00:00Z").build();
  }

  private static RepositoryRule rule(boolean referrers) {
    return new RepositoryRule(RepositoryPattern.parse(APP.value()), new TagFilter(List.of(TagPattern.parse("v1")), List.of()),
        OptionalInt.empty(), List.of(), false, false, 0, referrers);
  }
}
