package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.model.Digest;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.select.TagFilter;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * What a short window spends its link on: repositories of a higher {@code priority} before the rest,
 * and within a repository the images that lack the fewest bytes before large new ones, so that the
 * most images become pullable. Orders are read from the parent's request log (real HTTP).
 */
class WhatMattersFirstTest extends RuleTestSupport {
  private final RandomImages images = new RandomImages(5);

  private static RepositoryRule rule(String name, int priority) {
    return new RepositoryRule(RepositoryPattern.parse(name), TagFilter.ALL, OptionalInt.empty(), List.of(), false, false,
        priority);
  }

  private int firstBlobRequest(Image image) {
    List<LoggedRequest> requests = parent.requests();
    for (int i = 0; i < requests.size(); i++) {
      LoggedRequest r = requests.get(i);
      if (isBlobOf(r, image)) {
        return i;
      }
    }
    throw new AssertionError("no blob of " + image.digest() + " was requested");
  }

  private static boolean isBlobOf(LoggedRequest r, Image image) {
    return r.path().contains("/blobs/") && image.blobs().keySet().stream().anyMatch(d -> r.path().endsWith(d.toString()));
  }

  private int lastBlobRequest(Image image) {
    List<LoggedRequest> requests = parent.requests();
    for (int i = requests.size() - 1; i >= 0; i--) {
      LoggedRequest r = requests.get(i);
      if (isBlobOf(r, image)) {
        return i;
      }
    }
    throw new AssertionError("no blob of " + image.digest() + " was requested");
  }

  @Test
  void aHigherPriorityRepositoryIsSyncedWholeBeforeALowerOneStarts() {
    Image low = images.ociImage(400_000);
    Image high = images.ociImage(400_000, 300_000);
    // Names chosen so that name order alone would sync the low-priority repository first.
    parent.push("aaa/low", "1", low).push("zzz/high", "1", high);

    SyncReport report = pass(rules(Duration.ZERO, rule("aaa/low", 0), rule("zzz/high", 10)));

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(lastBlobRequest(high)).isLessThan(firstBlobRequest(low));
  }

  @Test
  void anImageMissingOneSmallLayerComesBeforeALargeNewOne() {
    Image base = ImageBuilder.oci().randomLayer(11, 1_000_000).build();
    parent.push("app", "base", base);
    assertThat(pass(rules(Duration.ZERO, rule("app", 0))).complete()).isTrue();

    Image large = images.ociImage(2_000_000);
    byte[] baseLayer = base.layers().getFirst();
    Image patch = ImageBuilder.oci().randomLayer(11, 1_000_000).randomLayer(12, 10_000).build();
    // "a-large" sorts before "b-patch": name order alone would fetch the large image first.
    parent.push("app", "a-large", large).push("app", "b-patch", patch);
    parent.clearRequests();

    assertThat(pass(rules(Duration.ZERO, rule("app", 0))).complete()).isTrue();

    assertThat(lastBlobRequest(patch)).isLessThan(firstBlobRequest(large));
    assertThat(parent.requests()).filteredOn(r -> r.path().contains("/blobs/") && r.path().endsWith(Digest.sha256(baseLayer).toString()))
        .as("the base layer was already present").isEmpty();
    assertThat(parent.requests()).filteredOn(r -> r.method().equals("GET") && r.path().contains("/manifests/"))
        .as("manifests read ahead to plan the order are not read again")
        .hasSize(2);
  }
}
