package dev.outpost.store.rocks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark (not a test): {@code RocksLocalStore.open} and close of a large store, one shot
 * per iteration (Mode.SingleShotTime). Run with no warm-up, the first iteration of each fork is
 * what a starting {@code outpost run} pays (RocksDB's native library loaded, the index opened
 * from cold JVM code); later ones are reopens. Run by {@link LookupScaleBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OpenBench {
  @Param("")
  public String store;

  @Benchmark
  public void openAndClose() {
    RocksLocalStore.open(Path.of(store)).close();
  }
}
