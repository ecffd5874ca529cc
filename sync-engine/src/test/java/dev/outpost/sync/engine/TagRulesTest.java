package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.model.RepositoryName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tag rules over a parent repository with 30 tags: 20 that parse as versions and 10 that do not,
 * each its own small image whose config has a creation time. Creation order is deliberately not
 * name order, so an ordering by name would pick other tags than one by time.
 */
class TagRulesTest extends RuleTestSupport {
  private static final String REPO = "team/app";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final Map<String, Image> pushed = new LinkedHashMap<>();

  @BeforeEach
  void thirtyTags() {
    List<String> tags = new ArrayList<>();
    for (int minor = 0; minor < 3; minor++) {
      for (int patch = 0; patch < 5; patch++) {
        tags.add("v1." + minor + "." + patch);
      }
    }
    tags.addAll(List.of("v1.10.0", "v2.0.0-rc1", "v2.0.0-rc2", "v2.0.0", "1.9"));
    tags.addAll(List.of("latest", "stable", "edge"));
    for (int day = 1; day <= 7; day++) {
      tags.add("nightly-0" + day);
    }
    assertThat(tags).hasSize(30);
    for (int i = 0; i < tags.size(); i++) {
      // nightly-01 is the newest nightly, nightly-07 the oldest: time order is not name order.
      String tag = tags.get(i);
      Instant created = tag.startsWith("nightly-") ? T0.plus(Duration.ofDays(100 - i)) : T0.plus(Duration.ofDays(i));
      Image image = ImageBuilder.oci().created(created).randomLayer(1000 + i, 300).build();
      pushed.put(tag, image);
      parent.push(REPO, tag, image);
    }
  }

  @Test
  void includeAndExcludeGlobsSelectTheirTagsOnly() {
    SyncReport report = pass(rules(Duration.ofHours(24), rule(REPO, List.of("v2*", "latest", "1.?"), List.of("*-rc*"), null, false)));

    assertThat(report.complete()).as("%s", report).isTrue();
    assertThat(localTags(REPO)).containsExactly("1.9", "latest", "v2.0.0");
  }

  @Test
  void regexPatternsMatchTheWholeTag() {
    pass(rules(Duration.ofHours(24), rule(REPO, List.of("regex:v1\\.[12]\\.[0-9]+"), List.of("regex:.*\\.4"), null, false)));

    assertThat(localTags(REPO)).containsExactly("v1.1.0", "v1.1.1", "v1.1.2", "v1.1.3", "v1.2.0", "v1.2.1", "v1.2.2",
        "v1.2.3");
  }

  @Test
  void keepLatestOrdersVersionsBySemverWithoutFetchingConfigs() {
    parent.clearRequests();

    pass(rules(Duration.ofHours(24), rule(REPO, List.of("v*", "1.*"), List.of(), 4, false)));

    // 2.0.0 > 2.0.0-rc2 > 2.0.0-rc1 > 1.10.0 (numeric, not lexical: 1.10 > 1.9 > 1.2).
    assertThat(localTags(REPO)).containsExactlyInAnyOrder("v2.0.0", "v2.0.0-rc2", "v2.0.0-rc1", "v1.10.0");
    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).hasSize(4 * 2);
  }

  @Test
  void keepLatestOrdersOtherTagsByImageCreationTime() {
    pass(rules(Duration.ofHours(24), rule(REPO, List.of("nightly-*", "latest"), List.of(), 3, false)));

    // latest is created on day 20; nightly-01 on day 77, nightly-02 on day 76... nightly-07 on day 71.
    assertThat(localTags(REPO)).containsExactly("nightly-01", "nightly-02", "nightly-03");
  }

  @Test
  void creationTimesAreReadFromTheStoreWhenItHasTheImage() {
    SyncSettings settings = rules(Duration.ofHours(24), rule(REPO, List.of("nightly-*"), List.of(), 2, false));
    pass(rules(Duration.ofHours(24), rule(REPO, List.of("nightly-0[12]"), List.of(), null, false)));
    parent.clearRequests();

    pass(settings);

    assertThat(localTags(REPO)).containsExactly("nightly-01", "nightly-02");
    // Configs of the five other candidates were fetched to order them; the two held locally were not.
    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).hasSize(5);
  }

  @Test
  void dryRunReportsWhatTheNextPassDoesAndChangesNothing() {
    pass(rules(Duration.ZERO, rule(REPO, List.of("v1.0.*"), List.of(), null, false)));
    assertThat(localTags(REPO)).hasSize(5);
    SyncSettings changed = rules(Duration.ZERO, rule(REPO, List.of("v1.*"), List.of("v1.0.*"), 6, false));
    parent.clearRequests();

    SyncReport dry = dryRun(changed);

    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).isEmpty();
    assertThat(localTags(REPO)).hasSize(5);
    assertThat(store().missingTags(RepositoryName.of(REPO))).isEmpty();
    SyncReport real = pass(changed);
    assertThat(real.complete()).as("%s", real).isTrue();
    assertThat(dry.changes()).isEqualTo(real.changes());
    assertThat(real.changes().images()).extracting(m -> m.tag().value())
        .containsExactly("v1.10.0", "v1.2.0", "v1.2.1", "v1.2.2", "v1.2.3", "v1.2.4");
    assertThat(real.changes().deleted()).extracting(d -> d.tag().value())
        .containsExactly("v1.0.0", "v1.0.1", "v1.0.2", "v1.0.3", "v1.0.4");
    long bytes = real.changes().images().stream().map(m -> pushed.get(m.tag().value()))
        .flatMap(i -> i.blobs().values().stream()).mapToLong(b -> b.length).sum();
    assertThat(real.changes().bytes()).isEqualTo(bytes);
    assertThat(localTags(REPO)).containsExactly("v1.10.0", "v1.2.0", "v1.2.1", "v1.2.2", "v1.2.3", "v1.2.4");
  }
}
