package dev.outpost.store.rocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Benchmark program (not a test): builds, once, a synthetic store of {@code repos x tagsPerRepo}
 * tags with {@link GcScaleBench#build} (kept in {@code <dir>} and reused while its
 * {@value #COMPLETE} marker is there), then runs the JMH benchmarks {@link LookupBench} (tag and
 * manifest lookups, p50/p99/p99.9) and {@link OpenBench} (opening the store) and prints a summary.
 * Run by scripts/bench/lookup-scale.sh.
 *
 * <p>Arguments: {@code <dir> [blobs=100000] [repos=10000] [tagsPerRepo=100]}.
 */
public final class LookupScaleBench {
  private static final String COMPLETE = "bench-store-complete";
  private static final String[] JVM_ARGS = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"};

  private LookupScaleBench() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int blobs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int repos = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int tagsPerRepo = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Path store = dir.resolve("store");
    if (!Files.exists(dir.resolve(COMPLETE))) {
      deleteRecursively(store);
      long start = System.nanoTime();
      GcScaleBench.build(store, blobs, repos, tagsPerRepo);
      Files.writeString(dir.resolve(COMPLETE), blobs + " blobs, " + repos + " x " + tagsPerRepo + " tags\n");
      System.out.printf("built the store: %d blobs, %d tags in %.1f s%n", blobs, (long) repos * tagsPerRepo,
          (System.nanoTime() - start) / 1e9);
    } else {
      System.out.println("reusing the store in " + store + " (" + Files.readString(dir.resolve(COMPLETE)).trim() + ")");
    }
    Options lookups = new OptionsBuilder().include(LookupBench.class.getName())
        .param("store", store.toString()).param("repos", "" + repos).param("tagsPerRepo", "" + tagsPerRepo)
        .warmupIterations(2).warmupTime(TimeValue.seconds(3))
        .measurementIterations(3).measurementTime(TimeValue.seconds(5))
        .forks(1).threads(1).jvmArgsAppend(JVM_ARGS).build();
    Options opens = new OptionsBuilder().include(OpenBench.class.getName())
        .param("store", store.toString())
        .warmupIterations(0).measurementIterations(5).forks(3).jvmArgsAppend(JVM_ARGS).build();
    Collection<RunResult> lookupResults = new Runner(lookups).run();
    Collection<RunResult> openResults = new Runner(opens).run();

    System.out.printf("%n== lookups at %d tags (%d repositories x %d), one thread, µs per call ==%n",
        (long) repos * tagsPerRepo, repos, tagsPerRepo);
    for (RunResult result : lookupResults) {
      Statistics s = result.getPrimaryResult().getStatistics();
      System.out.printf("%-18s p50 %7.1f  p99 %7.1f  p99.9 %7.1f  max %8.1f  (%d samples)%n",
          result.getParams().getBenchmark().replaceAll(".*\\.", ""), s.getPercentile(50), s.getPercentile(99),
          s.getPercentile(99.9), s.getMax(), s.getN());
    }
    for (RunResult result : openResults) {
      List<Double> first = result.getBenchmarkResults().stream()
          .map(fork -> fork.getIterationResults().iterator().next().getPrimaryResult().getScore()).toList();
      Statistics all = result.getPrimaryResult().getStatistics();
      System.out.printf("store open+close: first in a fresh JVM %s ms; all %d opens: median %.0f ms, max %.0f ms%n",
          first.stream().map(v -> String.format("%.0f", v)).toList(), all.getN(), all.getPercentile(50), all.getMax());
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
