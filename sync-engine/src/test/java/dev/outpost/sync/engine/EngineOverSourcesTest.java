package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.verify.StoreVerifier;
import dev.outpost.sync.bundle.BundleSource;
import dev.outpost.sync.bundle.TestBundle;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's cases over every content source: the parent registry over real HTTP, and a bundle on
 * disk. The planner, the fetcher and the commit order are written once; the same content must end
 * in the store the same way, whatever brought it.
 */
class EngineOverSourcesTest extends EngineTestSupport {
  /** Where the content comes from. */
  enum Kind { REGISTRY, BUNDLE }

  private final RandomImages images = new RandomImages(77);
  private final AtomicInteger bundles = new AtomicInteger();

  /** One image per tag per repository, offered by the source of {@code kind}; {@code corrupt} is damaged there. */
  private SyncReport pass(Kind kind, SyncSettings settings, Map<String, Map<String, Object>> content, Digest corrupt)
      throws IOException {
    if (kind == Kind.REGISTRY) {
      content.forEach((repo, tags) -> tags.forEach((tag, image) -> {
        if (image instanceof Image i) {
          parent.push(repo, tag, i);
        } else {
          parent.push(repo, tag, (Index) image);
        }
      }));
      if (corrupt != null) {
        parent.corruptBlob(corrupt);
      }
      return sync(settings);
    }
    TestBundle bundle = new TestBundle(1);
    content.forEach((repo, tags) -> tags.forEach((tag, image) -> {
      if (image instanceof Image i) {
        bundle.add(repo, tag, i);
      } else {
        bundle.add(repo, tag, (Index) image);
      }
    }));
    List<Path> parts = bundle.writeDirectories(dataDir.resolve("bundle-" + bundles.incrementAndGet()));
    if (corrupt != null) {
      TestBundle.flipByte(parts.get(0), corrupt);
    }
    try (SyncEngine engine = SyncEngine.over(BundleSource.open(parts, store()), settings, store(), meters,
        Clock.systemUTC())) {
      return engine.runOnce(SyncListener.NONE, () -> false);
    }
  }

  private Map<String, Map<String, Object>> content(Image image, Index index) {
    return Map.of("library/hello", Map.of("v1", image), "team/multi", Map.of("1.0", index));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void syncsImagesAndFilteredIndexesWithTheirWholeClosureAndASecondPassChangesNothing(Kind kind) throws IOException {
    Image image = images.ociImage(1_500_000, 700);
    Index index = images.multiArchIndex(3000);
    SyncSettings settings = settings(List.of(RandomImages.AMD64), "library/hello", "team/multi");

    SyncReport first = pass(kind, settings, content(image, index), null);

    assertThat(first.complete()).as("%s", first).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("library/hello"), Tag.of("v1"))).contains(image.digest());
    assertThat(store().manifest(RepositoryName.of("library/hello"), image.digest()).orElseThrow().bytes())
        .isEqualTo(image.manifest().bytes());
    image.blobs().keySet().forEach(d -> assertThat(store().stat(d)).as("blob %s", d).isPresent());
    assertThat(store().resolveTag(RepositoryName.of("team/multi"), Tag.of("1.0"))).contains(index.digest());
    Image arm = index.images().get(1);
    assertThat(store().stat(Digest.sha256(arm.layers().get(0)))).as("filtered out by platform").isEmpty();

    SyncReport second = pass(kind, settings, content(image, index), null);

    assertThat(second.complete()).isTrue();
    assertThat(second.changes().images()).isEmpty();
    assertThat(second.changes().blobs()).isZero();
    var verified = new StoreVerifier(store(), Clock.systemUTC()).run(false);
    assertThat(verified.clean()).as("%s", verified).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCorruptBlobFailsItsImageNamingItAndTheOtherRepositorySyncs(Kind kind) throws IOException {
    Image bad = images.ociImage(40_000);
    Image good = images.ociImage(30_000);
    Digest corrupt = Digest.sha256(bad.layers().get(0));
    SyncSettings settings = settings("library/bad", "library/good");

    SyncReport report = pass(kind, settings, Map.of("library/bad", Map.of("1", bad), "library/good", Map.of("1", good)),
        corrupt);

    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.repository()).isEqualTo(RepositoryName.of("library/bad"));
      assertThat(r.reason().orElseThrow()).contains(corrupt.toString());
    });
    assertThat(store().resolveTag(RepositoryName.of("library/bad"), Tag.of("1"))).isEmpty();
    assertThat(store().stat(corrupt)).isEmpty();
    assertThat(store().resolveTag(RepositoryName.of("library/good"), Tag.of("1"))).contains(good.digest());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTagTheSourceNoLongerListsIsRemovedAfterTheGracePeriod(Kind kind) throws IOException {
    Image one = images.ociImage(1000);
    Image two = images.ociImage(1000);
    SyncSettings settings = new SyncSettings(settings("library/hello").rules(), List.of(), 1, 4, FAST_RETRIES,
        java.time.Duration.ofSeconds(20), java.util.Optional.empty(), java.time.Duration.ZERO);
    pass(kind, settings, Map.of("library/hello", Map.of("1", one, "2", two)), null);
    if (kind == Kind.REGISTRY) {
      parent.untag("library/hello", "2");
    }

    SyncReport report = kind == Kind.REGISTRY ? sync(settings)
        : pass(kind, settings, Map.of("library/hello", Map.of("1", one)), null);

    assertThat(report.complete()).isTrue();
    assertThat(store().tags(RepositoryName.of("library/hello"))).containsExactly(Tag.of("1"));
  }
}
