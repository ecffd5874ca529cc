package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.outpost.agent.status.SyncOutlook;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.schedule.SyncWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The sync gauges of a long-running Outpost: one lag gauge per repository, registered once however many passes run. */
class SyncMetricsTest {
  @Test
  void aRepositoryFinishedInEveryPassRegistersItsLagGaugeOnceAndNothingIsWarned(@TempDir Path dir) {
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    Logger micrometer = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
    micrometer.addAppender(warnings);
    try (LocalStore store = RocksLocalStore.open(dir)) {
      MeterRegistry meters = new SimpleMeterRegistry();
      SyncWindow window = SyncWindow.continuous();
      SyncMetrics metrics = new SyncMetrics(store, meters, Clock.systemUTC(), window, Optional.empty(),
          new SyncOutlook(window, Optional.empty(), Optional.empty(), Clock.systemUTC()));
      RepositoryName repo = RepositoryName.of("team/app");

      for (int pass = 0; pass < 3; pass++) {
        metrics.repositoryFinished(RepoResult.ok(repo, 1));
      }

      assertThat(meters.find(SyncMetrics.LAG).gauges()).hasSize(1);
      assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    } finally {
      micrometer.detachAppender(warnings);
    }
  }
}
