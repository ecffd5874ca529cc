package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.tokens.CreatedClientToken;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.ClientToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.outpost.store.rocks.RocksLocalStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
  @TempDir
  Path dir;

  private Path config;

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(dir.resolve("store")));
  }

  @Test
  void createPrintsThePasswordOnceAndStoresOnlyItsHash() throws Exception {
    CliRun created = CliRun.of("token", "create", "site", "--repository", "team/*", "--json", "--config", config.toString());

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.stdout().trim()).matches("\\{\"name\":\"site\",\"password\":\"[A-Za-z0-9_-]{43}\"}");
    String password = password(created);
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      ClientToken token = store.token("site").orElseThrow();
      assertThat(token.passwordMatches(password)).isTrue();
      assertThat(token.passwordMatches(password + "x")).isFalse();
    }
    // Only a hash is kept: the password's bytes appear in no file of the store (index, WAL, logs).
    assertThat(filesContaining(dir.resolve("store"), password.getBytes(StandardCharsets.UTF_8))).isEmpty();
    CliRun listed = CliRun.of("token", "list", "--config", config.toString());
    assertThat(listed.stdout()).contains("site", "team/*").doesNotContain(password);
  }

  @Test
  void aCreatedTokenNeverShowsItsPasswordInItsToString() {
    CreatedClientToken created = new CreatedClientToken("site", "s3cret-password-value");

    assertThat(created.toString()).contains("site").doesNotContain("s3cret-password-value");
  }

  private static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(f -> contains(read(f), needle)).toList();
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aSecondTokenOfTheSameNameIsRefused() {
    CliRun.of("token", "create", "site", "--repository", "team/*", "--config", config.toString());

    CliRun again = CliRun.of("token", "create", "site", "--repository", "other/*", "--config", config.toString());

    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.stderr()).contains("already exists");
  }

  @Test
  void unknownActionsAndBadPatternsAreUsageErrors() {
    CliRun badAction = CliRun.of("token", "create", "t", "--repository", "a", "--actions", "content/write",
        "--config", config.toString());
    CliRun badPattern = CliRun.of("token", "create", "t", "--repository", "Team/*", "--config", config.toString());

    assertThat(badAction.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badAction.stderr()).contains("unknown action 'content/write'");
    assertThat(badPattern.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badPattern.stderr()).contains("Team/*");
  }

  @Test
  void createWorksWhileOutpostRunsOnTheStoreAndTheTokenIsUsableAtOnce() throws Exception {
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      CliRun created = CliRun.of("token", "create", "live", "--repository", "team/*", "--json", "--config", config.toString());
      CliRun status = CliRun.of("status", "--config", config.toString());

      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(status.exitCode()).as(status.toString()).isZero();
      HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + running.registryPort() + "/v2/"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              ("live:" + password(created)).getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ping.statusCode()).isEqualTo(200);

      CliRun deleted = CliRun.of("token", "delete", "live", "--config", config.toString());
      CliRun missing = CliRun.of("token", "delete", "live", "--config", config.toString());
      assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
      assertThat(deleted.stdout()).contains("Deleted token 'live'");
      assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.INCOMPLETE);
      assertThat(missing.stdout()).contains("No token named 'live'");
    }
  }

  private static String password(CliRun created) {
    return created.stdout().replaceAll("(?s).*\"password\":\"([^\"]+)\".*", "$1").trim();
  }
}
