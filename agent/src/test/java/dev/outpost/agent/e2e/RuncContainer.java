package dev.outpost.agent.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.ToolRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * An OCI image run by the real runc, as a pod would run it: {@code umoci unpack} makes the runtime
 * bundle (the image's entrypoint, command, user, working directory and environment), and only
 * what this sandbox cannot grant is taken out: {@code process.rlimits} and {@code linux.resources}
 * (setrlimit and cgroup limits are refused here) and the network namespace (the container shares
 * the host's loopback, where the test's clients are). Mounts and environment are added as a pod
 * spec adds them, and the chart's container securityContext is applied: a read-only root file
 * system, no capabilities, no privilege escalation. Each container has a unique id and this
 * object's own runc state directory; {@link #close()} stops and deletes only that container.
 */
final class RuncContainer implements AutoCloseable {
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bind mount into the container ({@code source} a file or folder), or a tmpfs where source is null. */
  record Mount(Path source, String destination, boolean readOnly) {
    static Mount tmpfs(String destination) {
      return new Mount(null, destination, false);
    }
  }

  private final Path runc;
  private final Path state;
  private final String id;
  private final Process process;
  private final Path log;

  private RuncContainer(Path runc, Path state, String id, Process process, Path log) {
    this.runc = runc;
    this.state = state;
    this.id = id;
    this.process = process;
    this.log = log;
  }

  /**
   * Skips the calling test where runc, umoci or root are missing, unless
   * {@code OUTPOST_REQUIRE_REAL_CLIENTS} is set: then it fails.
   */
  static void requireRuntime() {
    RealClients.require("runc");
    RealClients.require("umoci");
    if (!"root".equals(System.getProperty("user.name"))) {
      String message = "runc runs the image as root here; running as " + System.getProperty("user.name");
      if (System.getenv(RealClients.REQUIRE_ENV) != null && !System.getenv(RealClients.REQUIRE_ENV).isBlank()) {
        Assertions.fail(message + ", and " + RealClients.REQUIRE_ENV + " is set");
      }
      Assumptions.abort(message + "; test skipped");
    }
  }

  /** Unpacks {@code layout:tag} under {@code work} and starts it with {@code runc run}. */
  static RuncContainer start(Path layout, String tag, Path work, List<Mount> mounts, Map<String, String> env)
      throws IOException, InterruptedException {
    Path runc = RealClients.require("runc");
    Path umoci = RealClients.require("umoci");
    Path bundle = work.resolve("bundle");
    ToolRun.run(TOOL_TIMEOUT, List.of(umoci.toString(), "unpack", "--image", layout + ":" + tag, bundle.toString()))
        .orThrow();
    adapt(bundle.resolve("config.json"), mounts, env);
    Path state = Files.createDirectories(work.resolve("runc-state"));
    String id = "outpost-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path log = work.resolve("container.log");
    Process process = new ProcessBuilder(runc.toString(), "--root", state.toString(), "run", "--bundle", bundle.toString(), id)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new RuncContainer(runc, state, id, process, log);
  }

  private static void adapt(Path configJson, List<Mount> mounts, Map<String, String> env) throws IOException {
    ObjectNode config = (ObjectNode) JSON.readTree(configJson.toFile());
    ObjectNode processSpec = (ObjectNode) config.get("process");
    processSpec.remove("rlimits");
    processSpec.put("terminal", false);
    processSpec.put("noNewPrivileges", true);
    ObjectNode capabilities = processSpec.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
      capabilities.putArray(set);
    }
    ((ObjectNode) config.get("root")).put("readonly", true);
    ArrayNode environment = (ArrayNode) processSpec.get("env");
    env.forEach((name, value) -> environment.add(name + "=" + value));
    ObjectNode linux = (ObjectNode) config.get("linux");
    linux.remove("resources");
    ArrayNode namespaces = JSON.createArrayNode();
    linux.get("namespaces").forEach(ns -> {
      if (!"network".equals(ns.path("type").asText())) {
        namespaces.add(ns);
      }
    });
    linux.set("namespaces", namespaces);
    // umoci mounts a tmpfs on each image volume; the pod mounts its volume there instead.
    ArrayNode kept = JSON.createArrayNode();
    config.get("mounts").forEach(m -> {
      if (mounts.stream().noneMatch(mine -> mine.destination().equals(m.path("destination").asText()))) {
        kept.add(m);
      }
    });
    for (Mount mount : mounts) {
      ObjectNode node = kept.addObject();
      if (mount.source() == null) {
        node.put("destination", mount.destination()).put("type", "tmpfs").put("source", "tmpfs");
        node.putArray("options").add("nosuid").add("nodev").add("mode=1777");
      } else {
        node.put("destination", mount.destination()).put("type", "bind").put("source", mount.source().toString());
        node.putArray("options").add("rbind").add(mount.readOnly() ? "ro" : "rw");
      }
    }
    config.set("mounts", kept);
    JSON.writerWithDefaultPrettyPrinter().writeValue(configJson.toFile(), config);
  }

  /** {@code runc exec}: runs {@code args} in the container as its process runs (user, env, cwd). */
  ToolRun.Result exec(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(runc.toString(), "--root", state.toString(), "exec", id));
    command.addAll(args);
    return ToolRun.run(TOOL_TIMEOUT, command);
  }

  boolean isRunning() {
    return process.isAlive();
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** {@code runc kill ID TERM}, waits for the container to exit; returns its exit code. */
  int stop() throws IOException, InterruptedException {
    if (process.isAlive()) {
      runc("kill", id, "TERM");
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        runc("kill", id, "KILL");
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        throw new IllegalStateException("container " + id + " ignored SIGTERM for " + STOP_TIMEOUT);
      }
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stop();
    } finally {
      // `runc run` deletes the container when it exits; this is for a run that could not.
      runc("delete", "--force", id);
    }
  }

  private void runc(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(runc.toString(), "--root", state.toString()));
    command.addAll(List.of(args));
    ToolRun.run(TOOL_TIMEOUT, command);
  }
}
