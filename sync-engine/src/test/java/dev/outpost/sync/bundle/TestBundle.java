package dev.outpost.sync.bundle;

import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A small test-only bundle writer following CONTRACTS-8 ("Bundle on disk"): each part an OCI layout
 * (oci-layout, blobs/sha256/…, index.json, then outpost-bundle.json last), as a directory or an
 * uncompressed POSIX tar. Not the real writer (that is {@code bundle create}); just enough to give the
 * reader bundles with content placed in chosen parts.
 */
public final class TestBundle {
  private final String id = UUID.randomUUID().toString();
  private final int parts;
  private final SortedMap<RepositoryName, SortedMap<Tag, Digest>> tags = new TreeMap<>();
  private final SortedMap<RepositoryName, TreeSet<Digest>> manifests = new TreeMap<>();
  private final Map<Digest, byte[]> bytes = new LinkedHashMap<>();
  private final Map<Digest, MediaType> types = new HashMap<>();
  private final Map<Digest, Integer> partOf = new HashMap<>();
  /** Files written with other bytes than the item's (damage), while the bundle manifest lists the real size. */
  private final Map<Digest, byte[]> damaged = new HashMap<>();

  public TestBundle(int parts) {
    this.parts = parts;
  }

  public String id() {
    return id;
  }

  /** Adds {@code image} as {@code repo:tag}, every item in part 1 unless moved with {@link #put}. */
  public TestBundle add(String repo, String tag, Image image) {
    addImage(RepositoryName.of(repo), image);
    tags.computeIfAbsent(RepositoryName.of(repo), r -> new TreeMap<>()).put(Tag.of(tag), image.digest());
    return this;
  }

  public TestBundle add(String repo, String tag, Index index) {
    RepositoryName name = RepositoryName.of(repo);
    index.images().forEach(i -> addImage(name, i));
    addManifest(name, index.manifest());
    tags.computeIfAbsent(name, r -> new TreeMap<>()).put(Tag.of(tag), index.digest());
    return this;
  }

  /** Carries {@code digest} in part {@code part}. */
  public TestBundle put(Digest digest, int part) {
    if (!bytes.containsKey(digest)) {
      throw new IllegalArgumentException(digest + " is not in this bundle");
    }
    partOf.put(digest, part);
    return this;
  }

  /** Writes {@code replacement} as {@code digest}'s file (a truncated or damaged copy); the manifest is unchanged. */
  public TestBundle damage(Digest digest, byte[] replacement) {
    damaged.put(digest, replacement);
    return this;
  }

  /** Leaves {@code digest} out of every part (a delta against a site that holds it). */
  public TestBundle omit(Digest digest) {
    bytes.remove(digest);
    types.remove(digest);
    partOf.remove(digest);
    return this;
  }

  public BundleManifest manifest(int part) {
    SortedMap<RepositoryName, BundleManifest.RepositoryContent> repos = new TreeMap<>();
    tags.forEach((repo, t) -> repos.put(repo, BundleManifest.RepositoryContent.of(t, manifests.get(repo))));
    SortedMap<Digest, BundleManifest.Item> content = new TreeMap<>();
    bytes.forEach((d, b) -> content.put(d, new BundleManifest.Item(b.length, Optional.ofNullable(types.get(d)),
        partOf.getOrDefault(d, 1))));
    return new BundleManifest(id, Instant.parse("2025-01-01T00:00:00Z"), "test", Optional.empty(), part, parts, repos,
        content);
  }

  /** Writes every part as a directory under {@code root}, named as {@code bundle create} names them. */
  public List<Path> writeDirectories(Path root) throws IOException {
    List<Path> written = new ArrayList<>();
    for (int n = 1; n <= parts; n++) {
      Path dir = root.resolve(parts == 1 ? "bundle" : "part-" + n + "-of-" + parts);
      for (Map.Entry<String, byte[]> file : files(n).entrySet()) {
        Path target = dir.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
      written.add(dir);
    }
    return written;
  }

  /** Writes every part as an uncompressed POSIX tar under {@code root}. */
  public List<Path> writeTars(Path root) throws IOException {
    Files.createDirectories(root);
    List<Path> written = new ArrayList<>();
    for (int n = 1; n <= parts; n++) {
      Path tar = root.resolve(parts == 1 ? "bundle.tar" : "bundle.part-" + n + "-of-" + parts + ".tar");
      try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream tarOut = new TarArchiveOutputStream(out)) {
        tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tarOut.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, byte[]> file : files(n).entrySet()) {
          TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
          entry.setSize(file.getValue().length);
          tarOut.putArchiveEntry(entry);
          tarOut.write(file.getValue());
          tarOut.closeArchiveEntry();
        }
      }
      written.add(tar);
    }
    return written;
  }

  /** The files of part {@code n} in the order they are written: the bundle manifest last. */
  private Map<String, byte[]> files(int n) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    bytes.forEach((d, b) -> {
      if (partOf.getOrDefault(d, 1) == n) {
        files.put("blobs/sha256/" + d.hex(), damaged.getOrDefault(d, b));
      }
    });
    files.put("index.json", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
        .getBytes(StandardCharsets.UTF_8));
    files.put(BundleManifest.FILE_NAME, BundleJson.write(manifest(n)));
    return files;
  }

  private void addImage(RepositoryName repo, Image image) {
    image.blobs().forEach(bytes::putIfAbsent);
    addManifest(repo, image.manifest());
  }

  private void addManifest(RepositoryName repo, ManifestContent manifest) {
    bytes.putIfAbsent(manifest.digest(), manifest.bytes());
    types.put(manifest.digest(), manifest.contentType());
    manifests.computeIfAbsent(repo, r -> new TreeSet<>()).add(manifest.digest());
  }

  /** Flips one byte in the middle of {@code digest}'s file in a directory part. */
  public static void flipByte(Path part, Digest digest) throws IOException {
    Path file = part.resolve("blobs/sha256/" + digest.hex());
    byte[] content = Files.readAllBytes(file);
    content[content.length / 2] ^= 0x5a;
    Files.write(file, content);
  }
}
