package dev.outpost.agent;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.store.LocalStore;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * Loads, on the second core, what nearly every command needs next while the main thread parses
 * the command line: RocksDB's native library, Jackson's YAML and record binding (through a real
 * parse of a small configuration), logback and OkHttp. Class loading and linking are done once
 * per JVM, whichever thread does them, so the main thread later finds them ready. Nothing built
 * here is kept; a failure here only means the main thread does the work itself.
 */
final class Warmup implements Runnable {
  private static final String SAMPLE_CONFIG = """
      storage: {path: /nonexistent/outpost-warmup}
      parent: {url: "http://127.0.0.1:1"}
      sync: {repositories: ["warm/up"], platforms: [linux/amd64], window: PT1H}
      serve: {listen: "127.0.0.1:0"}
      """;

  static void start() {
    Thread.ofPlatform().daemon().name("outpost-warmup").start(new Warmup());
  }

  @Override
  public void run() {
    try {
      LocalStore.preload();
      new ConfigLoader(Map.of()).parse("warm-up", SAMPLE_CONFIG);
      LoggerFactory.getLogger(Warmup.class);
      new OkHttpClient.Builder().build();
    } catch (RuntimeException | LinkageError e) {
      // Nothing to report: the main thread meets the same failure, if real, and reports it.
    }
  }
}
