package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deletions upstream (and from the selection) reach the store after sync.deleteGrace, on an injected clock. */
class TagDeletionsTest extends RuleTestSupport {
  private static final Duration GRACE = Duration.ofHours(24);
  private final RandomImages images = new RandomImages(7);

  private RepoSyncState state(String repo) {
    return store().syncState(RepositoryName.of(repo)).orElseThrow();
  }

  @Test
  void aTagDeletedUpstreamGoesAfterTheGraceNotBefore() {
    Image one = images.ociImage(500);
    parent.push("team/app", "v1", one).push("team/app", "v2", images.ociImage(500));
    SyncSettings settings = rules(GRACE, rule("team/*", List.of(), List.of(), null, false));
    pass(settings);
    parent.untag("team/app", "v1");

    SyncReport first = pass(settings);
    clock.advance(GRACE.minusSeconds(1));
    pass(settings);

    assertThat(first.changes().pending()).singleElement().satisfies(p -> assertThat(p.tag()).isEqualTo(Tag.of("v1")));
    assertThat(localTags("team/app")).containsExactly("v1", "v2");
    assertThat(state("team/app").tagCount()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    SyncReport due = pass(settings);

    assertThat(due.changes().deleted()).extracting(Object::toString).containsExactly("team/app:v1");
    assertThat(localTags("team/app")).containsExactly("v2");
    assertThat(state("team/app").tagCount()).isEqualTo(localTags("team/app").size());
    // Only the tag went: the image stays pullable by digest until garbage collection.
    assertThat(store().manifest(RepositoryName.of("team/app"), one.digest())).isPresent();
    assertThat(store().missingTags(RepositoryName.of("team/app"))).isEmpty();
  }

  @Test
  void aZeroGraceDeletesAtOnce() {
    parent.push("team/app", "v1", images.ociImage(500)).push("team/app", "v2", images.ociImage(500));
    SyncSettings settings = rules(Duration.ZERO, rule("team/app", List.of(), List.of(), null, false));
    pass(settings);
    parent.untag("team/app", "v2");

    pass(settings);

    assertThat(localTags("team/app")).containsExactly("v1");
  }

  @Test
  void keepDeletedKeepsATagGoneUpstream() {
    parent.push("team/app", "v1", images.ociImage(500)).push("team/app", "v2", images.ociImage(500));
    SyncSettings settings = rules(Duration.ZERO, rule("team/app", List.of(), List.of(), null, true));
    pass(settings);
    parent.untag("team/app", "v1");

    pass(settings);
    clock.advance(GRACE.multipliedBy(10));
    SyncReport later = pass(settings);

    assertThat(later.changes().deleted()).isEmpty();
    assertThat(localTags("team/app")).containsExactly("v1", "v2");
    assertThat(state("team/app").tagCount()).isEqualTo(2);
  }

  @Test
  void aTagBackBeforeTheGraceEndsStaysAndItsClockRestarts() {
    Image one = images.ociImage(500);
    parent.push("team/app", "v1", one);
    SyncSettings settings = rules(GRACE, rule("team/app", List.of(), List.of(), null, false));
    pass(settings);
    parent.untag("team/app", "v1");
    pass(settings);
    clock.advance(GRACE.minusHours(1));
    parent.push("team/app", "v1", one);
    pass(settings);
    parent.untag("team/app", "v1");
    clock.advance(Duration.ofHours(2));

    pass(settings);

    assertThat(localTags("team/app")).containsExactly("v1");
  }

  @Test
  void aRepositoryDroppedFromTheSelectionLosesItsTagsAfterTheGrace() {
    parent.push("team/a", "v1", images.ociImage(500)).push("team/b", "v1", images.ociImage(500));
    pass(rules(GRACE, rule("team/a", List.of(), List.of(), null, false), rule("team/b", List.of(), List.of(), null, false)));
    SyncSettings onlyA = rules(GRACE, rule("team/a", List.of(), List.of(), null, false));

    pass(onlyA);
    assertThat(localTags("team/b")).containsExactly("v1");
    clock.advance(GRACE);
    SyncReport due = pass(onlyA);

    assertThat(due.changes().deleted()).extracting(Object::toString).containsExactly("team/b:v1");
    assertThat(localTags("team/b")).isEmpty();
    assertThat(state("team/b").tagCount()).isZero();
    assertThat(localTags("team/a")).containsExactly("v1");
  }

  @Test
  void aParentThatCannotListTagsDeletesNothing() {
    parent.push("team/app", "v1", images.ociImage(500));
    SyncSettings settings = rules(Duration.ZERO, rule("team/app", List.of(), List.of(), null, false));
    pass(settings);
    parent.failPath("/v2/team/app/tags/list", 500);

    pass(settings);

    assertThat(localTags("team/app")).containsExactly("v1");
  }
}
