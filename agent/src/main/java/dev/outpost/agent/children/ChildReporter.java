package dev.outpost.agent.children;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.json.Json;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.SyncStateRepository;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.registry.ChildReportClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each pass of {@code outpost run}, tells the parent Outpost how this child fares
 * ({@link ChildReport}, posted with the child's own client token). A report that cannot be posted is
 * logged and dropped: the parent then shows an older report, which is what "not current" means.
 */
public final class ChildReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ChildReporter.class);
  private static final ObjectMapper JSON = Json.newMapper();

  private final String name;
  private final SyncStateRepository states;
  private final Duration stallTimeout;
  private final Clock clock;
  private Instant lastSuccess;

  public ChildReporter(String name, SyncStateRepository states, Duration stallTimeout, Clock clock) {
    this.name = name;
    this.states = states;
    this.stallTimeout = stallTimeout;
    this.clock = clock;
  }

  /** Reports {@code pass}, served by {@code address} of {@code parent}. Never throws. */
  public synchronized void report(SyncReport pass, ParentEndpoint parent, URI address) {
    if (pass.complete()) {
      lastSuccess = clock.instant();
    }
    try (ChildReportClient client = ChildReportClient.of(parent, stallTimeout)) {
      if (client == null) {
        LOG.debug("no child report: the parent has no username and password to post it with");
        return;
      }
      client.post(address, body(pass, address));
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("the status report to the parent was not delivered: {}", e.getMessage());
    }
  }

  byte[] body(SyncReport pass, URI address) throws JsonProcessingException {
    int synced = (int) pass.repositories().stream().filter(RepoResult::ok).count();
    long bytes = 0;
    for (RepoSyncState state : states.syncStates()) {
      bytes += Math.max(0, state.bytes());
    }
    return JSON.writeValueAsBytes(new ChildReport(name, synced, pass.failed().size(), lastSuccess, bytes,
        address.toString(), null, null));
  }
}
