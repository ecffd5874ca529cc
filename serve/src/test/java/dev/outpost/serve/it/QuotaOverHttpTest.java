package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.gc.Eviction;
import dev.outpost.store.gc.GarbageCollector;
import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.store.gc.Quota;
import dev.outpost.store.gc.QuotaReport;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota over a real store whose pull times come from real pulls through the registry endpoint.
 * {@code team/a} is committed first but pulled later, {@code team/b} is never pulled, {@code team/c}
 * is pulled last; everything the shared {@link TestRegistry} seeds ({@code library/*},
 * {@code team/app}) is older still and pinned. With {@code maxSize} just below the total, only
 * {@code team/b} goes; after garbage collection its manifest and layer are gone over HTTP, and the
 * pinned, never pulled {@code library/hello} is still served.
 */
class QuotaOverHttpTest {
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final String ALL = TestRegistry.basic("all");
  private static final List<RepositoryPattern> PINNED =
      List.of(RepositoryPattern.parse("library/*"), RepositoryPattern.parse("team/app"));

  @TempDir
  Path dir;

  @Test
  void theLeastRecentlyPulledUnpinnedImageGoesAndAPinnedOneStays() {
    try (TestRegistry registry = new TestRegistry(dir)) {
      Seeder seeder = new Seeder(registry.store);
      RandomImages images = new RandomImages(99);
      Image a = images.ociImage(100_000);
      Image b = images.ociImage(100_000);
      Image c = images.ociImage(100_000);
      for (String repository : List.of("team/a", "team/b", "team/c")) {
        registry.clock.advance(Duration.ofHours(1));
        seeder.image(repository, switch (repository) {
          case "team/a" -> a;
          case "team/b" -> b;
          default -> c;
        }, "latest");
      }
      registry.clock.advance(Duration.ofHours(1));
      assertThat(registry.http.get("/v2/team/a/manifests/latest", ALL).statusCode()).isEqualTo(200);
      registry.clock.advance(Duration.ofHours(1));
      assertThat(registry.http.get("/v2/team/c/manifests/latest", ALL).statusCode()).isEqualTo(200);
      registry.store.flushPulls();
      registry.clock.advance(Duration.ofHours(1));
      long[] total = {0};
      registry.store.forEachBlob(blob -> total[0] += blob.size());

      QuotaReport report = new Quota(registry.store, registry.store, total[0] - 50_000, PINNED, GRACE, registry.clock)
          .enforce();
      new GarbageCollector(registry.store, GRACE, new PartialPolicy(List.of(), Duration.ofDays(7)), registry.clock)
          .collect(false);

      assertThat(report.evictions()).extracting(Eviction::repository).containsExactly(RepositoryName.of("team/b"));
      assertThat(registry.http.get("/v2/team/b/manifests/latest", ALL).statusCode()).isEqualTo(404);
      assertThat(registry.http.get("/v2/team/b/manifests/" + b.digest(), ALL).statusCode()).isEqualTo(404);
      assertThat(registry.http.head("/v2/team/b/blobs/" + Digest.sha256(b.layers().getFirst()), ALL).statusCode())
          .isEqualTo(404);
      assertThat(registry.http.get("/v2/team/a/manifests/latest", ALL).statusCode()).isEqualTo(200);
      assertThat(registry.http.get("/v2/team/c/manifests/latest", ALL).statusCode()).isEqualTo(200);
      assertThat(registry.http.get("/v2/library/hello/manifests/latest", ALL).statusCode()).isEqualTo(200);
      assertThat(registry.http.get("/v2/team/app/manifests/latest", ALL).statusCode()).isEqualTo(200);
    }
  }
}
