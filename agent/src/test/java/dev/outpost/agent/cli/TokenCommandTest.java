package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.tokens.CreatedClientToken;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordSlot;
import java.time.Instant;
import java.util.Optional;
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

  @Test
  void anExpiryInThePastIsRefusedOnCreateAndOnRotate() throws Exception {
    CliRun past = CliRun.of("token", "create", "site", "--repository", "team/*", "--expires", "2020-01-01",
        "--config", config.toString());
    assertThat(past.exitCode()).as(past.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(past.stderr()).contains("--expires 2020-01-01T00:00:00Z is not in the future");

    CliRun created = CliRun.of("token", "create", "site", "--repository", "team/*", "--json", "--config", config.toString());
    CliRun rotated = CliRun.of("token", "rotate", "site", "--slot", "2", "--expires", "2020-01-01T10:00:00Z",
        "--config", config.toString());

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(rotated.exitCode()).as(rotated.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(rotated.stderr()).contains("--expires 2020-01-01T10:00:00Z is not in the future");
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      assertThat(store.token("site").orElseThrow().password2()).as("nothing was stored").isEmpty();
    }
  }

  @Test
  void rotatePrintsTheNewPasswordOnceAndLeavesTheOtherSlotAlone() throws Exception {
    String first = password(CliRun.of("token", "create", "site", "--repository", "team/*", "--json",
        "--config", config.toString()));

    CliRun second = CliRun.of("token", "rotate", "site", "--slot", "2", "--json", "--config", config.toString());
    CliRun plain = CliRun.of("token", "rotate", "site", "--slot", "1", "--config", config.toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout().trim()).matches("\\{\"name\":\"site\",\"slot\":2,\"password\":\"[A-Za-z0-9_-]{43}\"}");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.stdout()).startsWith("Rotated password 1 of token 'site'. The new password is shown only now:\n");
    String newFirst = plain.stdout().lines().toList().get(1);
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      ClientToken token = store.token("site").orElseThrow();
      Instant now = Instant.now();
      assertThat(token.authenticate(password(second), now)).hasValue(2);
      assertThat(token.authenticate(newFirst, now)).hasValue(1);
      assertThat(token.authenticate(first, now)).isEmpty();
    }
    CliRun badSlot = CliRun.of("token", "rotate", "site", "--slot", "3", "--config", config.toString());
    CliRun unknown = CliRun.of("token", "rotate", "nobody", "--slot", "1", "--config", config.toString());
    assertThat(badSlot.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSlot.stderr()).contains("--slot must be 1 or 2");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.stderr()).contains("no token named 'nobody'");
  }

  @Test
  void listAndShowGiveEachSlotsStateAndExpiryAndCallATokenWithOnlyExpiredPasswordsExpired() throws Exception {
    CliRun.of("token", "create", "site", "--repository", "team/*", "--expires", "2099-01-31", "--config", config.toString());
    CliRun.of("token", "rotate", "site", "--slot", "2", "--config", config.toString());
    CliRun.of("token", "create", "off", "--repository", "team/*", "--config", config.toString());
    CliRun disabled = CliRun.of("token", "disable", "off", "--config", config.toString());
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      store.putToken(new ClientToken("old", List.of(), Optional.of(PasswordSlot.of("p", Optional.of(Instant.parse("2021-05-01T00:00:00Z")))),
          Optional.empty(), true));
    }

    CliRun list = CliRun.of("token", "list", "--config", config.toString());
    CliRun json = CliRun.of("token", "list", "--json", "--config", config.toString());
    CliRun show = CliRun.of("token", "show", "site", "--config", config.toString());
    CliRun missing = CliRun.of("token", "show", "nobody", "--config", config.toString());

    assertThat(disabled.stdout()).contains("Disabled token 'off'.");
    assertThat(list.stdout().lines().toList()).satisfiesExactly(
        header -> assertThat(header).startsWith("NAME").contains("STATUS", "PASSWORD1", "PASSWORD2", "SCOPES"),
        off -> assertThat(off).matches("off +disabled +set, no expiry +empty +team/\\* \\[content/read, metadata/read]"),
        old -> assertThat(old).matches("old +expired +expired 2021-05-01T00:00:00Z +empty *"),
        site -> assertThat(site).matches(
            "site +enabled +set, expires 2099-01-31T00:00:00Z +set, no expiry +team/\\* \\[content/read, metadata/read]"));
    assertThat(json.stdout()).contains("\"name\":\"old\",\"scopes\":[],\"status\":\"expired\",\"enabled\":true,"
        + "\"password1\":{\"set\":true,\"expires\":\"2021-05-01T00:00:00Z\",\"expired\":true},"
        + "\"password2\":{\"set\":false,\"expired\":false}");
    assertThat(show.stdout()).isEqualTo("""
        name:      site
        status:    enabled
        password1: set, expires 2099-01-31T00:00:00Z
        password2: set, no expiry
        scopes:    team/* [content/read, metadata/read]
        """);
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
    CliRun enabled = CliRun.of("token", "enable", "off", "--config", config.toString());
    assertThat(enabled.stdout()).contains("Enabled token 'off'.");
    assertThat(CliRun.of("token", "show", "off", "--config", config.toString()).stdout()).contains("status:    enabled");
  }

  private static String password(CliRun created) {
    return created.stdout().replaceAll("(?s).*\"password\":\"([^\"]+)\".*", "$1").trim();
  }
}
