package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.Digest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blob file whose size disagrees with the index is never handed out, by GET or HEAD. */
class DamagedBlobTest {
  private static final String ALL = TestRegistry.basic("all");
  private TestRegistry registry;

  @BeforeEach
  void start(@TempDir Path directory) {
    registry = new TestRegistry(directory);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<byte[]> get(Digest digest) {
    return registry.http.get("/v2/library/hello/blobs/" + digest, ALL);
  }

  @Test
  void aTruncatedBlobIsRefusedAsUnknown() throws Exception {
    Digest layer = Digest.sha256(registry.hello.layers().get(1));
    assertThat(get(layer).statusCode()).isEqualTo(200);
    Path file = registry.store.blobPath(layer);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 2);
    }

    HttpResponse<byte[]> response = get(layer);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("BLOB_UNKNOWN");
    assertThat(registry.http.head("/v2/library/hello/blobs/" + layer, ALL).statusCode()).isEqualTo(404);
  }

  @Test
  void aBlobWithBytesAppendedOrItsFileGoneIsRefused() throws Exception {
    Digest config = registry.hello.configDigest();
    Digest layer = Digest.sha256(registry.hello.layers().get(1));
    Path configFile = registry.store.blobPath(config);
    Files.setPosixFilePermissions(configFile, PosixFilePermissions.fromString("rw-r--r--"));
    Files.write(configFile, new byte[] {'x'}, StandardOpenOption.APPEND);
    Files.delete(registry.store.blobPath(layer));

    assertThat(get(config).statusCode()).isEqualTo(404);
    assertThat(get(layer).statusCode()).isEqualTo(404);
  }
}
