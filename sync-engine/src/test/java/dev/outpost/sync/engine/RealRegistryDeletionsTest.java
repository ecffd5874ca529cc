package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.parent.ParentEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag deleted at a real parent, Debian's docker-registry (storage.delete enabled, the tag's
 * manifest deleted with skopeo), disappears locally once sync.deleteGrace has passed on the injected
 * clock, not before; a rule with keepDeleted keeps it; the recorded tag count is the tag list.
 */
class RealRegistryDeletionsTest extends RuleTestSupport {
  private static final Duration GRACE = Duration.ofHours(1);
  private final RandomImages images = new RandomImages(99);

  @Test
  void aTagDeletedAtDockerRegistryGoesAfterTheGraceUnlessKeepDeleted(@TempDir Path work) throws Exception {
    Skopeo skopeo = Skopeo.require();
    try (DockerRegistryProcess registry = DockerRegistryProcess.start(work)) {
      Image one = images.ociImage(2000);
      skopeo.push(one, registry.hostPort(), "team/app", "v1");
      skopeo.push(images.ociImage(2000), registry.hostPort(), "team/app", "v2");
      skopeo.push(images.ociImage(2000), registry.hostPort(), "keep/app", "v1");
      skopeo.push(images.ociImage(2000), registry.hostPort(), "keep/app", "v2");
      ParentEndpoint endpoint = ParentEndpoint.fromUrl(registry.url(), null, null);
      SyncSettings settings = rules(GRACE, rule("team/*", List.of(), List.of(), null, false),
          rule("keep/*", List.of(), List.of(), null, true));
      assertThat(pass(settings, endpoint).complete()).isTrue();

      delete(skopeo, registry, "team/app:v1");
      delete(skopeo, registry, "keep/app:v1");
      pass(settings, endpoint);
      clock.advance(GRACE.minusMinutes(1));
      pass(settings, endpoint);

      assertThat(localTags("team/app")).containsExactly("v1", "v2");

      clock.advance(Duration.ofMinutes(1));
      SyncReport due = pass(settings, endpoint);

      assertThat(due.complete()).as("%s", due).isTrue();
      assertThat(localTags("team/app")).containsExactly("v2");
      assertThat(localTags("keep/app")).containsExactly("v1", "v2");
      assertThat(store().manifest(RepositoryName.of("team/app"), one.digest())).isPresent();
      for (String repo : List.of("team/app", "keep/app")) {
        RepoSyncState state = store().syncState(RepositoryName.of(repo)).orElseThrow();
        assertThat(state.tagCount()).as(repo).isEqualTo(localTags(repo).size());
      }
    }
  }

  private static void delete(Skopeo skopeo, DockerRegistryProcess registry, String reference) throws Exception {
    assertThat(skopeo.run("delete", "--tls-verify=false", "docker://" + registry.hostPort() + "/" + reference)
        .succeeded()).as("skopeo delete " + reference).isTrue();
  }
}
