package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost sync --dry-run} lists what {@code sync --once} then does, and changes nothing. */
class SyncDryRunCommandTest {
  @TempDir
  Path dir;

  private final RandomImages images = new RandomImages(11);
  private final ParentRegistryFixture parent = ParentRegistryFixture.start();

  @AfterEach
  void stopParent() {
    parent.close();
  }

  @Test
  void dryRunPrintsTheImagesBytesAndDeletionsOfTheNextPassAndChangesNothing() throws IOException {
    Image v1 = images.ociImage(3000);
    Image v2 = images.ociImage(5000);
    parent.push("team/app", "v1", v1).push("team/app", "v2", v2).push("team/app", "v2-rc1", images.ociImage(100))
        .push("team/app", "old", images.ociImage(100));
    Path config = config("""
        - name: team/*
          tags: {include: ["*"], exclude: ["*-rc*"]}
        """);
    assertThat(CliRun.of("sync", "--once", "--config", config.toString()).exitCode()).isZero();
    parent.untag("team/app", "old").untag("team/app", "v1");
    parent.push("team/app", "v1", v2); // moved upstream
    parent.push("team/app", "v3", v1);
    parent.clearRequests();

    CliRun dry = CliRun.of("sync", "--dry-run", "--config", config.toString());

    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).isEmpty();
    assertThat(tags()).containsExactly("old", "v1", "v2");
    List<String> planned = dry.stdout().lines().filter(l -> l.startsWith("fetch ") || l.startsWith("delete ")).toList();
    assertThat(planned).containsExactly(
        "fetch team/app:v1 " + v2.digest(), "fetch team/app:v3 " + v1.digest(), "delete team/app:old");
    // v3 is v1's image, already here: nothing to download.
    assertThat(dry.stdout()).contains("dry run: would fetch 2 images (0 blobs, 0 bytes) and delete 1 tags;");

    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());

    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(tags()).containsExactly("v1", "v2", "v3");
  }

  @Test
  void dryRunCountsTheBytesOfAbsentBlobsOnce() throws IOException {
    Image shared = images.ociImage(4000, 1000);
    parent.push("team/a", "v1", shared).push("team/b", "v1", shared);
    long bytes = shared.blobs().values().stream().mapToLong(b -> b.length).sum();

    CliRun dry = CliRun.of("sync", "--dry-run", "--config", config("- team/*\n").toString());

    assertThat(dry.stdout()).contains("fetch team/a:v1 " + shared.digest(), "fetch team/b:v1 " + shared.digest(),
        "would fetch 2 images (3 blobs, " + bytes + " bytes) and delete 0 tags");
    assertThat(dir.resolve("store")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(storeTags("team/a")).isEmpty());
  }

  private List<String> tags() {
    return storeTags("team/app");
  }

  private List<String> storeTags(String repo) {
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      return store.tags(RepositoryName.of(repo)).stream().map(Tag::value).toList();
    }
  }

  private Path config(String repositories) throws IOException {
    Path config = dir.resolve("outpost.yaml");
    String indented = Stream.of(repositories.split("\n")).map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync:
          deleteGrace: PT0S
          chunkSizeMb: 1
          repositories:
        %s""".formatted(dir.resolve("store"), parent.url(), indented));
    return config;
  }
}
