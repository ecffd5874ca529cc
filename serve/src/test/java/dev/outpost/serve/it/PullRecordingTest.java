package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.RepositoryName;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve records a pull (the quota's "least recently pulled") when a client GETs a manifest, by tag
 * or by digest, and only then: a HEAD (a client checking whether its copy is current) or a refused
 * GET is no pull. Each test has its own registry, since pulls change the store.
 */
class PullRecordingTest {
  private static final RepositoryName HELLO = RepositoryName.of("library/hello");
  private static final RepositoryName WORLD = RepositoryName.of("library/world");
  private static final String ALL = TestRegistry.basic("all");

  @TempDir
  Path directory;

  private TestRegistry registry;

  @BeforeEach
  void start() {
    registry = new TestRegistry(directory);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aManifestGetRecordsAPullAtTheTimeOfTheRequest() {
    registry.clock.advance(Duration.ofHours(2));
    assertThat(registry.http.get("/v2/library/hello/manifests/latest", ALL).statusCode()).isEqualTo(200);

    assertThat(registry.store.lastPulled(HELLO, registry.hello.digest())).contains(registry.clock.instant());

    registry.clock.advance(Duration.ofMinutes(5));
    assertThat(registry.http.get("/v2/library/hello/manifests/" + registry.hello.digest(), ALL).statusCode())
        .isEqualTo(200);
    assertThat(registry.store.flushPulls()).isEqualTo(1);
    assertThat(registry.store.lastPulled(HELLO, registry.hello.digest())).contains(registry.clock.instant());
  }

  @Test
  void aHeadOrARefusedGetRecordsNoPull() {
    assertThat(registry.http.head("/v2/library/world/manifests/latest", ALL).statusCode()).isEqualTo(200);
    assertThat(registry.http.get("/v2/library/world/manifests/latest", TestRegistry.basic("team")).statusCode())
        .isEqualTo(401);

    assertThat(registry.store.lastPulled(WORLD, registry.world)).isEmpty();
    assertThat(registry.store.flushPulls()).isZero();
  }
}
