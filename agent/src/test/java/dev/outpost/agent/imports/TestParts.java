package dev.outpost.agent.imports;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.BundleManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Bundle parts as the contract lays them out (oci-layout, one blob, {@code outpost-bundle.json} last),
 * enough for the watcher, which reads only the bundle manifest; the content is a fake importer's business.
 */
public final class TestParts {
  private TestParts() {}

  /** The files of part {@code n} of {@code parts} of bundle {@code id}, in the order a writer writes them. */
  public static Map<String, byte[]> files(String id, int n, int parts) {
    byte[] blob = ("blob of part " + n).getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(blob);
    BundleManifest manifest = new BundleManifest(id, Instant.parse("2025-01-01T00:00:00Z"), "test", Optional.empty(), n,
        parts, new TreeMap<>(Map.of(RepositoryName.of("team/app"), BundleManifest.RepositoryContent.of(
            Map.of(Tag.of("1.0"), digest), Set.of()))),
        new TreeMap<>(Map.of(digest, new BundleManifest.Item(blob.length, Optional.empty(), n))));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    files.put("blobs/sha256/" + digest.hex(), blob);
    files.put(BundleManifest.FILE_NAME, BundleJson.write(manifest));
    return files;
  }

  public static Path directory(Path dir, String id, int n, int parts) throws IOException {
    for (Map.Entry<String, byte[]> file : files(id, n, parts).entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return dir;
  }

  /** The whole tar of part {@code n}, entries at the top level, the bundle manifest last. */
  public static byte[] tar(String id, int n, int parts) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : files(id, n, parts).entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  public static void write(Path file, byte[] bytes, int length) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes, 0, length);
    }
  }
}
