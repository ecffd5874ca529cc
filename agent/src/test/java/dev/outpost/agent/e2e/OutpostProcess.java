package dev.outpost.agent.e2e;

import dev.outpost.fixtures.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the built {@code agent/target/outpost.jar} as a separate process, exactly as a user would:
 * one-shot commands ({@link #exec}) and the long-running {@code outpost run} ({@link #startRun}).
 */
final class OutpostProcess implements AutoCloseable {
  private static final Pattern PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SERVING = Pattern.compile("Outpost serving .* on [^ ]+:(\\d+), admin API on [^ ]+:(\\d+)");

  private final Process process;
  private final Path log;
  private final int registryPort;
  private final int adminPort;

  private OutpostProcess(Process process, Path log, int registryPort, int adminPort) {
    this.process = process;
    this.log = log;
    this.registryPort = registryPort;
    this.adminPort = adminPort;
  }

  /** The result of a one-shot command. */
  record Result(int exitCode, String stdout, String stderr) {}

  static Path jar() {
    Path jar = RepositoryRoot.path().resolve("agent/target/outpost.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: integration tests run after 'package'");
    }
    return jar;
  }

  static Result exec(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("outpost " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * {@code outpost token create NAME OPTIONS… --json --config CONFIG} (through the admin API when
   * {@code run} holds the store); returns the password it printed once.
   */
  static String createToken(Path workDir, Path config, String name, String... options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("token", "create", name));
    args.addAll(List.of(options));
    args.addAll(List.of("--json", "--config", config.toString()));
    Result created = exec(workDir, null, args.toArray(String[]::new));
    if (created.exitCode() != 0) {
      throw new AssertionError("token create " + name + " failed: " + created);
    }
    Matcher password = PASSWORD.matcher(created.stdout());
    if (!password.find()) {
      throw new AssertionError("token create " + name + " printed no password: " + created);
    }
    return password.group(1);
  }

  /** Starts a one-shot command in the background (to signal or kill it midway); output goes to the files. */
  static Process start(Path stdout, Path stderr, String... args) throws IOException {
    return new ProcessBuilder(command(args)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
  }

  /** Starts {@code outpost run} and waits until it announces its ports. */
  static OutpostProcess startRun(Path workDir, Path config) throws IOException, InterruptedException {
    Path log = workDir.resolve("run-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(command("run", "--config", config.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(log));
      if (m.find()) {
        return new OutpostProcess(p, log, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("outpost run exited with " + p.exitValue() + ":\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException("outpost run did not announce its ports:\n" + Files.readString(log));
  }

  int registryPort() {
    return registryPort;
  }

  /** The admin API's port ({@code GET /status} there needs no secret). */
  int adminPort() {
    return adminPort;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** Sends SIGTERM and waits; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("outpost run ignored SIGTERM for 60 s");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
    }
  }

  private static List<String> command(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
    command.addAll(List.of(args));
    return command;
  }
}
