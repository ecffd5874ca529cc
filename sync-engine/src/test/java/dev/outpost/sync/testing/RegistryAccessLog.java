package dev.outpost.sync.testing;

import dev.outpost.fixtures.DockerRegistryProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The access log docker-registry writes to its output (combined log format:
 * {@code "METHOD URI HTTP/1.1" STATUS BYTES "referer" "user agent"}), read between two marks. A mark
 * is a request with a user agent of its own, awaited in the log: the registry logs a request after
 * answering it, so everything answered before a mark was sent is logged by the time it shows.
 */
public final class RegistryAccessLog implements AutoCloseable {
  private static final Pattern LINE = Pattern.compile(
      "^\\S+ - \\S+ \\[[^]]+] \"(\\S+) (\\S+) HTTP/[0-9.]+\" (\\d{3}) (\\d+|-) \"[^\"]*\" \"([^\"]*)\"$");

  private final DockerRegistryProcess registry;
  private final OkHttpClient http = new OkHttpClient();

  public RegistryAccessLog(DockerRegistryProcess registry) {
    this.registry = registry;
  }

  /** Sends a marker request and returns it once the log shows it. */
  public String mark() throws IOException, InterruptedException {
    String agent = "outpost-test-mark-" + UUID.randomUUID();
    try (Response ignored = http.newCall(new Request.Builder().url(registry.url() + "/v2/").header("User-Agent", agent)
        .build()).execute()) {
      // any answer will do: the log line is what counts
    }
    for (int i = 0; i < 200; i++) {
      if (lines().stream().anyMatch(l -> l.endsWith("\"" + agent + "\""))) {
        return agent;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("docker-registry did not log the mark " + agent + " in 10 s");
  }

  /** The requests logged after mark {@code from} and before mark {@code to}. */
  public ParentTraffic between(String from, String to) throws IOException {
    ParentTraffic traffic = new ParentTraffic();
    boolean inside = false;
    for (String line : lines()) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue; // the registry's own structured lines
      }
      if (m.group(5).equals(from)) {
        inside = true;
      } else if (m.group(5).equals(to)) {
        return traffic;
      } else if (inside) {
        traffic.add(m.group(1), m.group(2), m.group(4).equals("-") ? 0 : Long.parseLong(m.group(4)));
      }
    }
    throw new IllegalStateException("marks " + from + " and " + to + " are not both in the log");
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(registry.logFile(), StandardCharsets.UTF_8);
  }
}
