package dev.outpost.sync.engine;

import dev.outpost.fixtures.MutableClock;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.select.TagFilter;
import dev.outpost.sync.select.TagPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** Rules, settings with a delete grace, and passes on an injected clock. */
abstract class RuleTestSupport extends EngineTestSupport {
  final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

  static RepositoryRule rule(String name, List<String> include, List<String> exclude, Integer keepLatest,
      boolean keepDeleted) {
    return new RepositoryRule(RepositoryPattern.parse(name),
        new TagFilter(include.stream().map(TagPattern::parse).toList(), exclude.stream().map(TagPattern::parse).toList()),
        keepLatest == null ? OptionalInt.empty() : OptionalInt.of(keepLatest), List.of(), false, keepDeleted);
  }

  static SyncSettings rules(Duration grace, RepositoryRule... rules) {
    return new SyncSettings(Arrays.asList(rules), List.<Platform>of(), 1, 4, FAST_RETRIES, Duration.ofSeconds(20),
        java.util.Optional.empty(), grace);
  }

  SyncReport pass(SyncSettings settings) {
    return pass(settings, ParentEndpoint.fromUrl(parent.url(), null, null));
  }

  SyncReport pass(SyncSettings settings, ParentEndpoint endpoint) {
    try (SyncEngine engine = new SyncEngine(endpoint, settings, store(), meters, clock)) {
      return engine.runOnce(SyncListener.NONE, () -> false);
    }
  }

  SyncReport dryRun(SyncSettings settings) {
    try (SyncEngine engine = engine(settings)) {
      return engine.dryRun(SyncListener.NONE);
    }
  }

  SyncEngine engine(SyncSettings settings) {
    return new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store(), meters, clock);
  }

  List<String> localTags(String repo) {
    return store().tags(RepositoryName.of(repo)).stream().map(Tag::value).toList();
  }
}
