package dev.outpost.agent.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.outpost.fixtures.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chart under {@code helm/outpost}, driven through helm-java (Helm's own Go code, loaded from
 * the linux-amd64 artifact on the test class path, so nothing is downloaded at test time).
 */
final class Chart {
  static final String RELEASE = "site";
  static final String NAMESPACE = "edge";
  static final String HOOK_ANNOTATION = "helm.sh/hook:";

  private final Path directory;
  private final Path scratch;

  /** {@code scratch} holds the values files handed to Helm. */
  Chart(Path scratch) {
    this.directory = locate();
    this.scratch = scratch;
  }

  Path directory() {
    return directory;
  }

  LintResult lintStrict() {
    return new Helm(directory).lint().strict().call();
  }

  /** {@code helm template} with {@code values} (YAML text) as the values file. */
  String template(String values) {
    return new Helm(directory).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withValuesFile(valuesFile(values))
        .call();
  }

  /**
   * {@code helm template} including the {@code helm test} hook pod. helm-java's template returns the
   * release manifest, which leaves hooks out; so this renders a copy of the chart whose hook
   * annotation is renamed, making the pod an ordinary object. Tests check the annotation apart.
   */
  String templateWithTestHooks(String values) {
    try {
      Path copy = Files.createTempDirectory(scratch, "chart-");
      try (var files = Files.walk(directory)) {
        for (Path source : files.toList()) {
          Path target = copy.resolve(directory.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.writeString(target, Files.readString(source).replace(HOOK_ANNOTATION, "outpost.dev/was-hook:"));
          }
        }
      }
      return new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
          .withValuesFile(valuesFile(values)).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client-only {@code helm install --dry-run}: what a user sees, NOTES.txt included. */
  String installDryRunOutput(String values) {
    return new Helm(directory).install()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withValuesFile(valuesFile(values))
        .clientOnly()
        .dryRun()
        .call()
        .getOutput();
  }

  private Path valuesFile(String values) {
    try {
      Path file = Files.createTempFile(scratch, "values-", ".yaml");
      Files.writeString(file, values);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    Path chart = RepositoryRoot.path().resolve("helm/outpost");
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      throw new IllegalStateException("no chart at " + chart);
    }
    return chart;
  }
}
