package dev.outpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.link.Bandwidth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.outpost.serve.limits.ServeLimits;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final String WINDOW_WITH_CONTINUOUS = "has no effect with the continuous schedule '* * * * *'"
      + " (always open); remove sync.window, or set sync.schedule to when each window opens, such as '0 22 * * *'";

  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void readsTheDocumentedKeysAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("outpost.yaml");
    Files.writeString(file, """
        storage: {path: /var/lib/outpost}
        parent: {url: "http://127.0.0.1:5000", username: "sync", password: "s3cret"}
        sync: {repositories: ["team/*", "library/hello"], schedule: "0 22 * * *", window: PT4H, chunkSizeMb: 8}
        serve: {listen: "127.0.0.1:8080"}
        admin: {listen: "127.0.0.1:9090"}
        """);

    OutpostConfig config = loader.load(file);

    assertThat(config.storage().path()).isEqualTo(Path.of("/var/lib/outpost"));
    assertThat(config.parent().url()).isEqualTo("http://127.0.0.1:5000");
    assertThat(config.sync().repositories()).extracting(Object::toString).containsExactly("team/*", "library/hello");
    assertThat(config.sync().window()).isEqualTo(Duration.ofHours(4));
    assertThat(config.sync().chunkSizeMb()).isEqualTo(8);
    assertThat(config.serve().listen()).isEqualTo(new ListenAddress("127.0.0.1", 8080));
    assertThat(config.admin().listen().port()).isEqualTo(9090);
    assertThat(config.parent().toString()).doesNotContain("s3cret");
  }

  /** Each case: the file's text, and the whole error: {@code file:line: key.path: reason}. */
  static Stream<Arguments> malformedConfigs() {
    return Stream.of(
        error("unknown key in a block (a typo)", """
            storage:
              path: /x
            sync:
              repositories: [team/*]
              schedul: "30 * * * *"
            serve:
              listen: ":8080"
            """, "outpost.yaml:5: sync.schedul: unknown key; did you mean schedule?"),
        error("unknown key in a flow mapping", """
            storage: {path: /x}
            sync: {repositories: [team/*], schedul: "30 * * * *"}
            """, "outpost.yaml:2: sync.schedul: unknown key; did you mean schedule?"),
        error("unknown key at the top", """
            storage: {path: /x}
            synk:
              repositories: [team/*]
            """, "outpost.yaml:2: synk: unknown key; did you mean sync?"),
        error("unknown key under storage", """
            storage:
              path: /x
              rootdirectory: /y
            sync: {}
            """, "outpost.yaml:3: storage.rootdirectory: unknown key; did you mean path?"),
        error("typo under serve", """
            storage: {path: /x}
            serve:
              tokenTtl: PT5M
              listn: ":8080"
            admin:
              listen: ":9090"
            """, "outpost.yaml:4: serve.listn: unknown key; did you mean listen?"),
        error("ACR's chunk size name gets a hint", """
            storage: {path: /x}
            sync:
              repositories: [team/*]
              chunkSizeInMb: 16
            serve: {}
            """, "outpost.yaml:4: sync.chunkSizeInMb: unknown key; did you mean chunkSizeMb?"),
        error("ACR's sync window name gets a hint", """
            storage: {path: /x}
            sync:
              schedule: "0 22 * * *"
              syncWindow: PT4H
            """, "outpost.yaml:4: sync.syncWindow: unknown key; did you mean window?"),
        error("an unknown key far from any lists the known ones", """
            storage: {path: /x}
            admin:
              colour: blue
            """, "outpost.yaml:3: admin.colour: unknown key; known keys here: listen"),
        error("chunkSizeMb 0 in a block", """
            storage: {path: /x}
            sync:
              repositories: [team/*]
              chunkSizeMb: 0
              concurrency: 2
            serve: {}
            """, "outpost.yaml:4: sync.chunkSizeMb: must be between 1 and 1024 (got 0)"),
        error("a bandwidth that is neither bits nor bytes", """
            storage: {path: /x}
            sync:
              repositories: [team/*]
              maxBandwidth: 20 parsecs
            """, "outpost.yaml:4: sync.maxBandwidth: '20 parsecs' is not a bandwidth such as 20Mbit or 2.5MB (bits or bytes per second)"),
        error("chunkSizeMb 0 in a flow mapping", """
            storage: {path: /x}
            sync: {chunkSizeMb: 0}
            """, "outpost.yaml:2: sync.chunkSizeMb: must be between 1 and 1024 (got 0)"),
        error("concurrency out of range", """
            storage: {path: /x}
            sync:
              concurrency: 65
              repositories: [team/*]
            """, "outpost.yaml:3: sync.concurrency: must be between 1 and 64 (got 65)"),
        error("stall timeout too short", """
            storage: {path: /x}
            sync:
              stallTimeout: PT0.1S
              repositories: [team/*]
            """, "outpost.yaml:3: sync.stallTimeout: must be between PT1S and PT1H (got PT0.1S)"),
        error("bad cron minute in a block", """
            storage: {path: /x}
            sync:
              schedule: "61 22 * * *"
              window: PT4H
            serve: {}
            """, "outpost.yaml:3: sync.schedule: '61 22 * * *' has an invalid minute field '61' (minute: 0-59)"),
        error("bad cron day-of-week", """
            storage: {path: /x}
            sync:
              schedule: "0 1 * * 8"
              window: PT4H
            """, "outpost.yaml:3: sync.schedule: '0 1 * * 8' has an invalid day-of-week field '8'"
                + " (day-of-week: 0-7 or SUN-SAT, 0 and 7 are Sunday)"),
        error("cron with 6 fields", """
            storage: {path: /x}
            sync: {schedule: '0 0 * * * *', window: PT1H}
            """, "outpost.yaml:2: sync.schedule: '0 0 * * * *' must have 5 fields:"
                + " minute hour day-of-month month day-of-week"),
        error("window with the continuous schedule", """
            storage: {path: /x}
            sync:
              schedule: "* * * * *"
              window: PT4H
            serve: {}
            """, "outpost.yaml:4: sync.window: " + WINDOW_WITH_CONTINUOUS),
        error("window with the default (continuous) schedule", """
            storage: {path: /x}
            sync: {repositories: [team/*], window: PT4H}
            """, "outpost.yaml:2: sync.window: " + WINDOW_WITH_CONTINUOUS),
        error("window not positive", """
            storage: {path: /x}
            sync:
              schedule: "0 22 * * *"
              window: PT0S
            """, "outpost.yaml:4: sync.window: must be a positive duration such as PT4H"),
        error("window not a duration", """
            storage: {path: /x}
            sync:
              window: PT1
            """, "outpost.yaml:3: sync.window: 'PT1' is not an ISO-8601 duration such as PT4H or PT30M"),
        error("bad pattern in a block list", """
            storage: {path: /x}
            sync:
              repositories:
                - ok
                - Bad*
            """, "outpost.yaml:5: sync.repositories[1]: repository pattern 'Bad*' may only end in /* (a prefix wildcard)"),
        error("bad platform in a flow list", """
            storage: {path: /x}
            sync: {platforms: [linux]}
            """, "outpost.yaml:2: sync.platforms[0]: platform 'linux' is not of the form os/arch[/variant]"),
        error("bad listen in a block", """
            storage: {path: /x}
            serve:
              tokenTtl: PT5M
              listen: localhost
            """, "outpost.yaml:4: serve.listen: 'localhost' is not host:port (for example 127.0.0.1:8080)"),
        error("token lifetime not positive", """
            storage: {path: /x}
            serve:
              tokenTtl: PT0S
              listen: ":8080"
            """, "outpost.yaml:3: serve.tokenTtl: must be a positive duration such as PT5M"),
        error("parent url without a scheme", """
            storage: {path: /x}
            parent:
              url: 127.0.0.1:5000
            sync: {}
            """, "outpost.yaml:3: parent.url: must start with http:// or https:// (got '127.0.0.1:5000')"),
        error("one address and several", """
            storage: {path: /x}
            parent:
              url: http://127.0.0.1:5000
              urls: [http://127.0.0.1:5001]
            """, "outpost.yaml:4: parent.urls: set either parent.url (one address) or parent.urls (several, in "
                + "priority order), not both"),
        error("an address of several without a scheme", """
            storage: {path: /x}
            parent:
              urls:
                - https://private.example
                - public.example
            """, "outpost.yaml:3: parent.urls: every address must start with http:// or https:// (got 'public.example')"),
        error("a CA file and insecure", """
            storage: {path: /x}
            parent:
              url: https://127.0.0.1:5000
              caFile: /etc/ca.crt
              insecure: true
            """, "outpost.yaml:5: parent.insecure: set either parent.caFile (trust a private CA) or parent.insecure "
                + "(trust any certificate), not both"),
        error("Entra ID and a password", """
            storage: {path: /x}
            parent:
              url: https://myreg.azurecr.io
              username: sync
              password: pw
              auth: {type: entra, clientId: 1234}
            """, "outpost.yaml:6: parent.auth: set either parent.auth (Entra ID) or parent.username and "
                + "parent.password(File), not both"),
        error("an auth type that is not entra", """
            storage: {path: /x}
            parent:
              url: https://myreg.azurecr.io
              auth: {type: basic}
            """, "outpost.yaml:4: parent.auth.type: must be entra (Entra ID through Azure Identity), not 'basic'; "
                + "a username and password are parent.username and parent.password(File)"),
        error("a parent type that is neither acr nor oci", """
            storage: {path: /x}
            parent:
              url: https://myreg.example
              type: harbor
            """, "outpost.yaml:4: parent.type: must be acr (an Azure Container Registry: its listing API is used) "
                + "or oci (any other registry), not 'harbor'"),
        error("username without password", """
            storage: {path: /x}
            parent:
              url: http://127.0.0.1:5000
              username: sync
            """, "outpost.yaml:4: parent.username: needs parent.password or parent.passwordFile too"),
        error("a number that is not one", """
            storage: {path: /x}
            sync:
              chunkSizeMb: lots
            """, "outpost.yaml:3: sync.chunkSizeMb: 'lots' is not a whole number"),
        error("a list where keys belong", """
            storage: {path: /x}
            sync:
              - team/*
            """, "outpost.yaml:2: sync: expected keys (key: value)"),
        error("missing storage", """
            serve: {listen: ':8080'}
            """, "outpost.yaml:1: storage.path: required: where the store lives, such as /var/lib/outpost"),
        error("storage without a path", """
            sync: {}
            storage:
              {}
            """, "outpost.yaml:2: storage.path: required: where the store lives, such as /var/lib/outpost"),
        error("tls with only a certificate", """
            storage: {path: /x}
            serve:
              tls: {certFile: /t.crt}
            """, "outpost.yaml:3: serve.tls: needs both certFile and keyFile"
                + " (PEM files, for example /etc/outpost/tls/tls.crt and /etc/outpost/tls/tls.key)"),
        error("httpEnabled not a boolean", """
            storage: {path: /x}
            serve:
              httpEnabled: maybe
            """, "outpost.yaml:3: serve.httpEnabled: 'maybe' is not true or false"),
        error("a size without a unit it knows", """
            storage: {path: /x}
            store:
              maxSize: 200GB
            """, "outpost.yaml:3: store.maxSize: '200GB' is not a size such as 200Gi, 500Mi or 10G"),
        error("a gc schedule with six fields", """
            storage: {path: /x}
            store:
              gc: {schedule: "0 0 3 * * *"}
            """, "outpost.yaml:3: store.gc.schedule: '0 0 3 * * *' must have 5 fields: minute hour day-of-month month day-of-week"),
        error("an anonymous pattern that is not one", """
            storage: {path: /x}
            serve:
              anonymous:
                - public/*
                - "Public/*"
            """, "outpost.yaml:5: serve.anonymous[1]: repository pattern 'Public/*' is invalid: repository name 'Public' is invalid:"
                + " component 'Public' must be lower-case letters and digits joined by . _ __ or -"),
        error("anonymous as a single string", """
            storage: {path: /x}
            serve:
              anonymous: public/*
            """, "outpost.yaml:3: serve.anonymous: expected a list such as [a, b]"),
        error("an empty anonymous entry", """
            storage: {path: /x}
            serve:
              anonymous:
                -
            """, "outpost.yaml:3: serve.anonymous: an entry is empty; list repository patterns such as public/*"),
        error("a typo under import", """
            storage: {path: /x}
            import:
              watch: /mnt/usb
              pollIntervall: PT30S
            """, "outpost.yaml:4: import.pollIntervall: unknown key; did you mean pollInterval?"),
        error("imports for import", """
            storage: {path: /x}
            imports: {watch: /mnt/usb}
            """, "outpost.yaml:2: imports: unknown key; did you mean import?"),
        error("a poll interval without a folder", """
            storage: {path: /x}
            import:
              pollInterval: PT30S
            """, "outpost.yaml:3: import.pollInterval: has no effect without import.watch (the folder to poll)"),
        error("a poll interval under a second", """
            storage: {path: /x}
            import:
              watch: /mnt/usb
              pollInterval: PT0.1S
            """, "outpost.yaml:4: import.pollInterval: must be at least PT1S (got PT0.1S)"),
        error("a list for the watch folder", """
            storage: {path: /x}
            import:
              watch: [/a, /b]
            """, "outpost.yaml:3: import.watch: expected a single value such as /var/lib/outpost"),
        error("a limit that is not positive", """
            storage: {path: /x}
            serve:
              limits:
                loginFailures: 0
            """, "outpost.yaml:4: serve.limits.loginFailures: must be a positive whole number, such as 5"),
        error("a typo under serve.limits", """
            storage: {path: /x}
            serve:
              limits: {requestTimout: PT5S}
            """, "outpost.yaml:3: serve.limits.requestTimout: unknown key; did you mean requestTimeout?"),
        error("a header size too small", """
            storage: {path: /x}
            serve:
              limits: {maxHeaderSize: 100}
            """, "outpost.yaml:3: serve.limits.maxHeaderSize: must be between 1Ki and 1Mi, such as 8Ki"),
        error("an access log format it does not know", """
            storage: {path: /x}
            serve:
              accessLog: {format: xml}
            """, "outpost.yaml:3: serve.accessLog.format: 'xml' is not json or logfmt"),
        error("malformed yaml", """
            storage: {path: "unterminated
            """, "outpost.yaml:1: not valid YAML: while scanning a quoted scalar, found unexpected end of stream"));
  }

  private static Arguments error(String name, String yaml, String expected) {
    return Arguments.of(name, yaml, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedConfigs")
  void malformedConfigNamesTheKeyAndItsLine(String name, String yaml, String expected) {
    assertThatThrownBy(() -> loader.parse("outpost.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected);
  }

  @Test
  void entraAuthAndTheParentTypeReachTheEndpoint() {
    OutpostConfig config = loader.parse("outpost.yaml", """
        storage: {path: /data}
        parent:
          url: https://registry.private.example
          type: acr
          auth: {type: entra, clientId: 1234-abcd, tenantId: contoso}
        """);

    dev.outpost.sync.parent.ParentEndpoint endpoint = new dev.outpost.agent.runtime.ParentFactory(java.util.Map.of()).parentOf(config).orElseThrow();

    assertThat(endpoint.acr()).isTrue();
    assertThat(endpoint.credentials()).isEmpty();
    assertThat(endpoint.entra()).hasValueSatisfying(identity -> {
      assertThat(identity.clientId()).contains("1234-abcd");
      assertThat(identity.tenantId()).contains("contoso");
    });
  }

  @Test
  void passwordNeverAppearsInAnError() {
    String text = "storage: {path: /x}\nparent: {url: 'ftp://h', username: u, password: topsecret}\n";

    assertThatThrownBy(() -> loader.parse("outpost.yaml", text)).hasMessageNotContaining("topsecret");
  }

  @Test
  void connectionStringFromTheEnvironmentWhenTheFileNamesNoParent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("outpost.yaml");
    Files.write(file, "\uFEFFstorage: {path: /data}\n".getBytes(StandardCharsets.UTF_8));
    ConfigLoader withEnv = new ConfigLoader(Map.of(ConfigLoader.CONNECTION_STRING_ENV, "ConnectedRegistryName=x"));

    OutpostConfig config = withEnv.load(file);

    assertThat(config.parentIfConfigured()).isPresent();
    assertThat(config.parent().connectionString()).isEqualTo("ConnectedRegistryName=x");
  }

  @Test
  void defaultsWhenOnlyStorageIsGiven() {
    OutpostConfig config = loader.parse("outpost.yaml", "storage: {path: /data}\n");

    assertThat(config.parentIfConfigured()).isEmpty();
    assertThat(config.sync().schedule()).isEqualTo(SyncConfig.CONTINUOUS);
    assertThat(config.sync().chunkSizeMb()).isEqualTo(8);
    assertThat(config.sync().stallTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.serve().listen().toString()).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void aSiteWithNoParentWatchesAFolderForBundles() {
    OutpostConfig config = loader.parse("outpost.yaml", """
        storage: {path: /data}
        import:
          watch: /mnt/usb
        """);

    assertThat(config.parentIfConfigured()).isEmpty();
    assertThat(config.sync().repositories()).isEmpty();
    assertThat(config.imports().watchFolder()).contains(Path.of("/mnt/usb"));
    assertThat(config.imports().pollInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void withoutAnImportSectionNothingIsWatched() {
    assertThat(loader.parse("outpost.yaml", "storage: {path: /data}\n").imports().watchFolder()).isEmpty();
  }

  @Test
  void theSyncSectionBuildsTheEnginesSettings() {
    OutpostConfig config = loader.parse("outpost.yaml", """
        storage: {path: /data}
        sync:
          repositories: [team/*]
          platforms: [linux/arm64]
          chunkSizeMb: 16
          concurrency: 2
          stallTimeout: PT5M
          maxBandwidth: 20Mbit
        """);

    SyncSettings settings = config.sync().settings();

    assertThat(settings.repositories()).extracting(Object::toString).containsExactly("team/*");
    assertThat(settings.platforms()).extracting(Object::toString).containsExactly("linux/arm64");
    assertThat(settings.chunkSizeBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(settings.concurrency()).isEqualTo(2);
    assertThat(settings.stallTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.maxBandwidth()).hasValue(new Bandwidth(2_500_000));
  }

  @Test
  void withoutMaxBandwidthSyncIsUncapped() {
    assertThat(loader.parse("outpost.yaml", "storage: {path: /data}\n").sync().settings().maxBandwidth()).isEmpty();
  }

  @Test
  void tlsFilesServeHttpsAndHttpEnabledServesPlainHttpAndNeitherIsRefusedNamingBothKeys() {
    ServeConfig tls = loader.parse("outpost.yaml",
        "storage: {path: /data}\nserve: {tls: {certFile: /etc/outpost/tls/tls.crt, keyFile: /etc/outpost/tls/tls.key}}\n").serve();
    ServeConfig http = loader.parse("outpost.yaml", "storage: {path: /data}\nserve: {httpEnabled: true}\n").serve();
    ServeConfig neither = loader.parse("outpost.yaml", "storage: {path: /data}\n").serve();

    assertThat(tls.tlsOrPlainHttp()).contains(new TlsConfig(Path.of("/etc/outpost/tls/tls.crt"), Path.of("/etc/outpost/tls/tls.key")));
    assertThat(http.tlsOrPlainHttp()).isEmpty();
    assertThatThrownBy(neither::tlsOrPlainHttp).isInstanceOf(ConfigException.class)
        .hasMessageContaining("serve.tls.certFile").hasMessageContaining("serve.tls.keyFile")
        .hasMessageContaining("serve.httpEnabled: true");
  }

  @Test
  void theStoreSectionHasDefaultsAndReadsSizesWithBinaryAndDecimalSuffixes() {
    StoreConfig defaults = loader.parse("outpost.yaml", "storage: {path: /data}\n").store();
    assertThat(defaults.quota()).isEmpty();
    assertThat(defaults.partialTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.gc().schedule()).isEqualTo("0 3 * * *");
    assertThat(defaults.gc().grace()).isEqualTo(Duration.ofHours(1));

    StoreConfig store = loader.parse("outpost.yaml", """
        storage: {path: /data}
        store:
          maxSize: 200Gi
          partialTtl: P2D
          gc: {schedule: "30 2 * * SUN", grace: PT10M}
        """).store();
    assertThat(store.quota()).contains(new ByteSize(200L * 1024 * 1024 * 1024));
    assertThat(store.partialTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(store.gc().schedule()).isEqualTo("30 2 * * SUN");
    assertThat(store.gc().grace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(ByteSize.parse("10G").bytes()).isEqualTo(10_000_000_000L);
    assertThat(ByteSize.parse("512Ki").bytes()).isEqualTo(512 * 1024);
    assertThat(ByteSize.parse("1.5Mi").bytes()).isEqualTo(1536 * 1024);
    assertThat(ByteSize.parse("4096").bytes()).isEqualTo(4096);
  }

  @Test
  void theReserveIsReadAsASizeAndDefaultsToOneGibOrTwoPercentWhicheverIsSmaller(@TempDir Path dir) throws Exception {
    StoreConfig set = loader.parse("outpost.yaml", "storage: {path: /data}\nstore: {reserve: 8Mi}\n").store();
    StoreConfig unset = loader.parse("outpost.yaml", "storage: {path: /data}\n").store();

    assertThat(set.reserveFor(dir).bytes()).isEqualTo(8L << 20);
    long total = java.nio.file.Files.getFileStore(dir).getTotalSpace();
    assertThat(unset.reserveFor(dir).bytes()).isEqualTo(Math.min(1L << 30, (long) (total * 0.02)));
  }

  @Test
  void serveLimitsHaveDefaultsAndReadTheDocumentedKeys() {
    assertThat(loader.parse("outpost.yaml", "storage: {path: /x}\n").serve().limits().limits())
        .isEqualTo(ServeLimits.DEFAULTS);
    ServeLimits limits = loader.parse("outpost.yaml", """
        storage: {path: /x}
        serve:
          limits: {loginFailures: 3, loginWindow: PT5M, requestTimeout: PT20S, maxConnectionsPerAddress: 16,
                   maxHeaderSize: 16Ki}
        """).serve().limits().limits();
    assertThat(limits).isEqualTo(new ServeLimits(3, Duration.ofMinutes(5), Duration.ofSeconds(20), 16, 16 * 1024));
  }

  @Test
  void theAccessLogIsOffUnlessConfiguredAndDefaultsToJsonOnStdout() {
    assertThat(loader.parse("outpost.yaml", "storage: {path: /x}\n").serve().accessLogValue()).isEmpty();
    AccessLogConfig log = loader.parse("outpost.yaml", "storage: {path: /x}\nserve: {accessLog: {}}\n")
        .serve().accessLogValue().orElseThrow();
    assertThat(log.formatValue()).isEqualTo(dev.outpost.serve.audit.AccessLogFormat.JSON);
    assertThat(log.fileValue()).isEmpty();
    assertThat(log.maxSize()).isEqualTo(ByteSize.parse("100Mi"));
  }

  @Test
  void aStallTimeoutCanBeGivenForSlowLinks() {
    OutpostConfig config = loader.parse("outpost.yaml", "storage: {path: /data}\nsync: {stallTimeout: PT5M}\n");

    assertThat(config.sync().stallTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anonymousPullIsOffByDefaultAndReadsRepositoryPatterns() {
    ServeConfig off = loader.parse("outpost.yaml", "storage: {path: /data}\n").serve();
    ServeConfig on = loader.parse("outpost.yaml", "storage: {path: /data}\nserve: {anonymous: [\"public/*\", library/hello]}\n")
        .serve();

    assertThat(off.anonymous()).isEmpty();
    assertThat(on.anonymous()).extracting(Object::toString).containsExactly("public/*", "library/hello");
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"))).hasMessageContaining("does not exist");
  }
}
