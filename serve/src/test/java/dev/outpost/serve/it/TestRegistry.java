package dev.outpost.serve.it;

import static dev.outpost.serve.auth.TokenFixtures.rule;

import dev.outpost.fixtures.MutableClock;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.serve.RegistryServer;
import dev.outpost.serve.ServeSettings;
import dev.outpost.serve.auth.AnonymousPull;
import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.serve.limits.ServeLimits;
import dev.outpost.serve.tls.TestPki;
import dev.outpost.serve.tls.TlsSettings;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.Action;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.rocks.RocksLocalStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A real RocksDB store in a temporary directory, seeded with images, served by a real
 * {@link RegistryServer} on an ephemeral port. The store takes commit and pull times from
 * {@link #clock}, and the server records manifest pulls in the store, as {@code outpost run} does.
 *
 * <p>Content: {@code library/hello} (tags bare, docker, latest, multi, v1), {@code library/world}
 * (latest; params, stored with a Content-Type that has a parameter), {@code team/app} (latest).
 * Tokens: {@code all} (library/* and team/*, both actions), {@code team} (team/*), {@code pullonly} (library/hello, content/read), {@code disabled},
 * {@code expiring} (expires one hour after the start), all with {@link TokenFixtures#PASSWORD}.
 */
final class TestRegistry implements AutoCloseable {
  static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
  static final Duration TOKEN_TTL = Duration.ofSeconds(300);

  final LocalStore store;
  final MutableClock clock = new MutableClock(START);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final RegistryServer server;
  final Http http;
  final Image hello;
  final Image docker;
  final Index multi;
  final ManifestContent bare;
  final ManifestContent withParameters;
  final Digest world;

  TestRegistry(Path directory) {
    this(directory, Optional.empty(), Optional.empty(), UnaryOperator.identity());
  }

  /** Plain HTTP, with {@code anonymous} pullable without credentials. */
  TestRegistry(Path directory, AnonymousPull anonymous) {
    this(directory, Optional.empty(), Optional.empty(), settings -> settings.withAnonymous(anonymous));
  }

  /** Plain HTTP with settings changed by {@code change} (an access log, say). */
  TestRegistry(Path directory, UnaryOperator<ServeSettings> change) {
    this(directory, Optional.empty(), Optional.empty(), change);
  }

  /** Plain HTTP with other client limits. */
  TestRegistry(Path directory, ServeLimits limits) {
    this(directory, Optional.empty(), Optional.empty(), settings -> settings.withLimits(limits));
  }

  /** Serving HTTPS from {@code tls} (mounted by {@code pki}); {@link #http} then trusts {@code pki}'s CA only. */
  TestRegistry(Path directory, TlsSettings tls, TestPki pki) {
    this(directory, Optional.of(tls), Optional.of(pki), UnaryOperator.identity());
  }

  private TestRegistry(Path directory, Optional<TlsSettings> tls, Optional<TestPki> pki,
      UnaryOperator<ServeSettings> change) {
    store = RocksLocalStore.open(directory, clock);
    Seeder seeder = new Seeder(store);
    RandomImages images = new RandomImages(42);
    hello = images.ociImage(3000, 70_000);
    docker = images.dockerImage(2000);
    multi = images.multiArchIndex(1000);
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes();
    byte[] layer = new byte[500];
    new Random(7).nextBytes(layer);
    bare = seeder.bareManifest(config, layer);
    seeder.image("library/hello", hello, "latest", "v1");
    seeder.image("library/hello", docker, "docker");
    seeder.index("library/hello", multi, "multi");
    seeder.manifest("library/hello", bare, "bare");

    world = seeder.image("library/world", images.ociImage(100), "latest");
    seeder.image("team/app", images.ociImage(100), "latest");
    Image typedWithParameters = images.ociImage(100);
    typedWithParameters.blobs().values().forEach(seeder::blob);
    withParameters = ManifestContent.of(typedWithParameters.manifest().bytes(),
        MediaType.parse(MediaType.OCI_MANIFEST.value() + "; charset=utf-8"));
    seeder.manifest("library/world", withParameters, "params");
    store.putToken(TokenFixtures.token("all", List.of(rule("library/*", Action.CONTENT_READ, Action.METADATA_READ),
        rule("team/*", Action.CONTENT_READ, Action.METADATA_READ)), Optional.empty(), true));
    store.putToken(TokenFixtures.token("team", List.of(rule("team/*", Action.CONTENT_READ, Action.METADATA_READ)),
        Optional.empty(), true));
    store.putToken(TokenFixtures.token("pullonly", List.of(rule("library/hello", Action.CONTENT_READ)),
        Optional.empty(), true));
    store.putToken(TokenFixtures.token("disabled", List.of(rule("library/*", Action.CONTENT_READ)),
        Optional.empty(), false));
    store.putToken(TokenFixtures.token("expiring", List.of(rule("library/*", Action.CONTENT_READ)),
        Optional.of(START.plus(Duration.ofHours(1))), true));
    ServeSettings settings = change.apply(new ServeSettings("127.0.0.1", 0, Optional.empty(), TOKEN_TTL));
    server = RegistryServer.start(tls.map(settings::withTls).orElse(settings), store, store, store, store, store, meters, clock);
    http = pki.map(p -> new Http(server.port(), p.clientContext())).orElseGet(() -> new Http(server.port()));
  }

  static String basic(String token) {
    return Http.basic(token, TokenFixtures.PASSWORD);
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
