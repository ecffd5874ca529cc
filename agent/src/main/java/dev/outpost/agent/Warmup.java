package dev.outpost.agent;

import dev.outpost.agent.cli.OutpostCommand;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.store.rocks.RocksLocalStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Loads, on the second core, what nearly every command needs next while the main thread parses
 * the command line: RocksDB's native library, Jackson's YAML and record binding (through a real
 * parse of a small configuration) and OkHttp. Not logback: SLF4J warns on stderr when a logger
 * is asked for while another thread initializes it. Class loading and linking are done once
 * per JVM, whichever thread does them, so the main thread later finds them ready. Nothing built
 * here is kept; a failure here only means the main thread does the work itself.
 *
 * <p>The JVM must not exit while this thread loads classes: the class archive that
 * {@code scripts/outpost} asks the JVM to write at exit ({@code -XX:+AutoCreateSharedArchive}) is
 * dumped while other threads still run, and JDK 25 crashed (SIGSEGV in the lambda proxy
 * dictionary) when this thread was linking lambdas at that moment. So {@code main} waits for it
 * with {@link #awaitQuietly}, and commands that finish at once (help, version, a typo) start none.
 *
 * <p>{@code verify} skips OkHttp: it speaks HTTP only when another process holds the store, and
 * otherwise hashes on every core from the moment the store is open, where building an HTTP client
 * (TLS trust store and all, some 60 ms of CPU) only competes with the hashing and delays the exit.
 */
final class Warmup implements Runnable {
  /** Parsed for real to load the binding; WarmupTest checks it still parses, since run() hides failures. */
  static final String SAMPLE_CONFIG = """
      storage: {path: /nonexistent/outpost-warmup}
      parent: {url: "http://127.0.0.1:1"}
      sync: {repositories: ["warm/up"], platforms: [linux/amd64], schedule: "0 22 * * *", window: PT1H}
      serve: {listen: "127.0.0.1:0"}
      """;

  private static final Set<String> INSTANT_OPTIONS = Set.of("--help", "-h", "--version", "-V");
  /** Commands that work on the local store and need HTTP only when another process holds it. */
  private static final Set<String> LOCAL_COMMANDS = Set.of("verify");

  private final boolean http;

  private Warmup(boolean http) {
    this.http = http;
  }

  /** Starts warming up for {@code args}; the thread to wait for before exit, if one was started. */
  static Optional<Thread> start(String[] args) {
    if (args.length == 0 || !OutpostCommand.names().contains(args[0])
        || List.of(args).stream().anyMatch(INSTANT_OPTIONS::contains)) {
      return Optional.empty();
    }
    return Optional.of(Thread.ofPlatform().daemon().name("outpost-warmup").start(new Warmup(warmsHttp(args))));
  }

  /** Whether the warm-up for {@code args} (a command that does real work) builds an HTTP client. */
  static boolean warmsHttp(String[] args) {
    return !LOCAL_COMMANDS.contains(args[0]);
  }

  static void awaitQuietly(Optional<Thread> warmup) {
    try {
      if (warmup.isPresent()) {
        warmup.get().join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    try {
      RocksLocalStore.loadNativeLibrary();
      new ConfigLoader(Map.of()).parse("warm-up", SAMPLE_CONFIG);
      if (http) {
        new OkHttpClient.Builder().build();
      }
    } catch (RuntimeException | LinkageError e) {
      // Nothing to report: the main thread meets the same failure, if real, and reports it.
    }
  }
}
