package dev.outpost.serve.bench;

import dev.outpost.serve.RegistryApiHandler;
import dev.outpost.serve.auth.AccessTokens;
import dev.outpost.serve.auth.Challenges;
import dev.outpost.serve.auth.ClientAuthenticator;
import dev.outpost.serve.auth.TokenAccessController;
import dev.outpost.serve.auth.TokenEndpoint;
import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.serve.content.BlobResponder;
import dev.outpost.serve.content.FileBody;
import dev.outpost.serve.content.ListingResponder;
import dev.outpost.serve.content.ManifestResponder;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.Action;
import dev.outpost.store.model.Digest;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Serves one large random blob for throughput measurements with curl:
 * {@code BlobServeBench <data-dir> <size-MiB> <mapped|pooled:BYTES> <port>}. Prints the blob's
 * digest and the Basic credentials, then serves until killed. Not a test: no assertions.
 *
 * <p>Compared with the CNCF registry holding the same blob (pushed with a monolithic upload), by
 * {@code curl -s -o /dev/null [-u bench:…] http://127.0.0.1:<port>/v2/bench/blob/blobs/<digest>}
 * from 1 and 8 concurrent clients, reading wall-clock throughput and the server's CPU time
 * ({@code /proc/<pid>/stat} utime+stime) per GiB served. CPU per GiB is the steadier figure on a
 * shared machine.
 */
public final class BlobServeBench {
  private BlobServeBench() {}

  public static void main(String[] args) throws Exception {
    LocalStore store = LocalStore.open(Path.of(args[0]));
    Digest digest = ensureBlob(store, Long.parseLong(args[1]) * 1024 * 1024);
    store.putToken(TokenFixtures.token("bench", "bench/*", Set.of(Action.CONTENT_READ, Action.METADATA_READ)));
    Clock clock = Clock.systemUTC();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[3]));
    server.addConnector(connector);
    AccessTokens tokens = new AccessTokens("bench", Duration.ofMinutes(5), clock);
    ClientAuthenticator authenticator = new ClientAuthenticator(store, clock);
    server.setHandler(new RegistryApiHandler(
        new TokenAccessController(tokens, authenticator, new Challenges("bench", Optional.empty(), "127.0.0.1")),
        new TokenEndpoint(authenticator, tokens), new ManifestResponder(store),
        new BlobResponder(store, store, body(args[2])), new ListingResponder(store)));
    server.start();
    System.out.println("digest=" + digest + " user=bench password=" + TokenFixtures.PASSWORD);
    server.join();
  }

  /** {@code mapped} or {@code pooled:<buffer-bytes>}. */
  private static FileBody body(String spec) {
    return spec.equals("mapped") ? FileBody.DEFAULT : FileBody.pooled(Integer.parseInt(spec.substring("pooled:".length())));
  }

  private static Digest ensureBlob(LocalStore store, long size) {
    byte[] chunk = new byte[4 * 1024 * 1024];
    SplittableRandom random = new SplittableRandom(1);
    MessageDigest sha = Digest.newSha256();
    for (long done = 0; done < size; done += chunk.length) {
      random.nextBytes(chunk);
      sha.update(chunk, 0, (int) Math.min(chunk.length, size - done));
    }
    Digest digest = Digest.fromSha256Bytes(sha.digest());
    if (store.stat(digest).isPresent()) {
      return digest;
    }
    random = new SplittableRandom(1);
    try (BlobIngest ingest = store.openIngest(digest, size, "bench")) {
      for (long done = 0; done < size; done += chunk.length) {
        random.nextBytes(chunk);
        ingest.write(chunk, 0, (int) Math.min(chunk.length, size - done));
      }
      ingest.commit();
    }
    return digest;
  }
}
