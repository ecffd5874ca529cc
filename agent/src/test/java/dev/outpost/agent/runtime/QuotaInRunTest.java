package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.status.EvictedImage;
import dev.outpost.agent.status.StatusRenderer;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.model.Digest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost run} with {@code store.maxSize} below what the first pass syncs: the quota runs
 * after the pass (its own task on the scheduler), evicts one image (none was pulled, so the one
 * committed first), garbage collection frees it, and {@code /status} and {@code /metrics} say what
 * went and why.
 */
class QuotaInRunTest {
  private static final int LAYER = 200_000;

  @TempDir
  Path dir;


  @Test
  void aPassOverTheQuotaEvictsAnImageAndStatusAndMetricsSaySo() throws Exception {
    Map<String, Image> images = Map.of(
        "library/a", ImageBuilder.oci().randomLayer(1, LAYER).build(),
        "library/b", ImageBuilder.oci().randomLayer(2, LAYER).build(),
        "library/c", ImageBuilder.oci().randomLayer(3, LAYER).build());
    Map<Digest, Integer> blobs = new HashMap<>();
    images.values().forEach(i -> i.blobs().forEach((d, bytes) -> blobs.put(d, bytes.length)));
    long total = blobs.values().stream().mapToLong(Integer::longValue).sum();
    long maxSize = total - LAYER / 2;
    try (ParentRegistryFixture parent = ParentRegistryFixture.start()) {
      images.forEach((repository, image) -> parent.push(repository, "v1", image));
      Path config = dir.resolve("outpost.yaml");
      Files.writeString(config, """
          storage: {path: "%s"}
          serve: {listen: "127.0.0.1:0", httpEnabled: true}
          admin: {listen: "127.0.0.1:0"}
          parent: {url: "%s"}
          sync: {repositories: ["library/*"], chunkSizeMb: 1, passInterval: PT1H}
          store: {maxSize: "%d", gc: {grace: PT0S}}
          """.formatted(dir.resolve("store"), parent.url(), maxSize));

      try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
        AdminProbe admin = new AdminProbe(running);
        StatusReport status = admin.awaitStatus(s -> s.store() != null && !s.store().evicted().isEmpty()
            && s.store().sizeBytes() <= maxSize, "the quota did not evict");
        String metrics = admin.get("/metrics");

        assertThat(status.store().maxSizeBytes()).isEqualTo(maxSize);
        assertThat(status.store().evicted()).hasSize(1);
        EvictedImage evicted = status.store().evicted().getFirst();
        assertThat(evicted.tags()).containsExactly("v1");
        assertThat(evicted.manifest()).isEqualTo(images.get(evicted.repository()).manifest().digest().toString());
        assertThat(evicted.bytes()).isEqualTo(images.get(evicted.repository()).blobs().values().stream()
            .mapToLong(b -> b.length).sum());
        assertThat(evicted.reason()).contains("store over store.maxSize", "least recently pulled", "never pulled");
        assertThat(status.store().sizeBytes()).isEqualTo(total - evicted.bytes());
        assertThat(metrics).contains("outpost_store_evicted_bytes_total{reason=\"max_size\"} " + evicted.bytes() + ".0");
        assertThat(metrics).contains("outpost_store_size_bytes " + (total - evicted.bytes()) + ".0");
        assertThat(metrics).contains("outpost_store_max_size_bytes " + maxSize + ".0");
        StringWriter table = new StringWriter();
        StatusRenderer.printTable(status, new PrintWriter(table, true));
        assertThat(table.toString()).contains("(store.maxSize)", "EVICTED ", evicted.repository() + ":v1");
      }
    }
  }
}
