package dev.outpost.store.rocks;

import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmark (not a test): the latency of the two reads every pull starts with, on a store
 * built by {@link GcScaleBench#build} ({@code repos x tagsPerRepo} tags): {@code resolveTag} of a
 * random tag, and the read of a random manifest by digest (which parses and re-hashes it, as
 * serving does). Sampled per call (Mode.SampleTime), so JMH reports p50/p99/p99.9. The store is
 * opened once per fork; the keys are drawn at random so most reads miss RocksDB's block cache
 * as a large store's would. Run by {@link LookupScaleBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LookupBench {
  @Param("")
  public String store;
  @Param("10000")
  public int repos;
  @Param("100")
  public int tagsPerRepo;

  private LocalStore opened;
  private RepositoryName[] repositories;
  private Tag[] tags;
  private final List<RepositoryName> manifestRepositories = new ArrayList<>();
  private final List<Digest> manifestDigests = new ArrayList<>();

  /** Each benchmark thread's own random keys. */
  @State(Scope.Thread)
  public static class Keys {
    final SplittableRandom random = new SplittableRandom(7);
  }

  @Setup(Level.Trial)
  public void open() {
    opened = RocksLocalStore.open(Path.of(store));
    repositories = new RepositoryName[repos];
    for (int r = 0; r < repos; r++) {
      repositories[r] = RepositoryName.of("bench/r" + r);
    }
    tags = new Tag[tagsPerRepo];
    for (int t = 0; t < tagsPerRepo; t++) {
      tags[t] = Tag.of("t" + t);
    }
    opened.forEachManifest(m -> {
      manifestRepositories.add(m.repository());
      manifestDigests.add(m.digest());
    });
    if (manifestDigests.isEmpty() || opened.resolveTag(repositories[repos - 1], tags[tagsPerRepo - 1]).isEmpty()) {
      throw new IllegalStateException("the store " + store + " is not a " + repos + " x " + tagsPerRepo + " bench store");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    opened.close();
  }

  @Benchmark
  public Optional<Digest> resolveTag(Keys keys) {
    return opened.resolveTag(repositories[keys.random.nextInt(repos)], tags[keys.random.nextInt(tagsPerRepo)]);
  }

  @Benchmark
  public Optional<ManifestContent> manifestByDigest(Keys keys) {
    int m = keys.random.nextInt(manifestDigests.size());
    return opened.manifest(manifestRepositories.get(m), manifestDigests.get(m));
  }
}
