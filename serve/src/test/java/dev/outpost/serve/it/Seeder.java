package dev.outpost.serve.it;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

/** Puts images into a real store through {@link ImageImporter}, by repository and tag names. */
final class Seeder {
  private final LocalStore store;
  private final ImageImporter importer;

  Seeder(LocalStore store) {
    this.store = store;
    this.importer = new ImageImporter(store);
  }

  BlobInfo blob(byte[] content) {
    return importer.blob(content);
  }

  Digest image(String repository, Image image, String... tags) {
    return importer.importImage(RepositoryName.of(repository), image, tags(tags));
  }

  Digest index(String repository, Index index, String... tags) {
    return importer.importIndex(RepositoryName.of(repository), index, tags(tags));
  }

  Digest manifest(String repository, ManifestContent manifest, String... tags) {
    return importer.importManifest(RepositoryName.of(repository), manifest, tags(tags));
  }

  /**
   * A blob of {@code size} pseudo-random (incompressible) bytes from {@code seed}, streamed into the
   * store in 1 MiB pieces so no test holds hundreds of MiB in memory: generated once to hash, once to write.
   */
  BlobInfo randomBlob(long size, long seed) {
    MessageDigest sha256 = Digest.newSha256();
    forEachPiece(size, seed, (piece, length) -> sha256.update(piece, 0, length));
    Digest digest = Digest.fromSha256Bytes(sha256.digest());
    try (BlobIngest ingest = store.openIngest(digest, size, "test")) {
      forEachPiece(size, seed, (piece, length) -> ingest.write(piece, 0, length));
      return ingest.commit();
    }
  }

  private interface Piece {
    void accept(byte[] piece, int length);
  }

  private static void forEachPiece(long size, long seed, Piece consumer) {
    Random random = new Random(seed);
    byte[] piece = new byte[1 << 20];
    for (long done = 0; done < size; done += piece.length) {
      random.nextBytes(piece);
      consumer.accept(piece, (int) Math.min(piece.length, size - done));
    }
  }

  /** An OCI image manifest without a mediaType field: its type is known only from Content-Type. */
  ManifestContent bareManifest(byte[] config, byte[] layer) {
    return bareManifest(blob(config), blob(layer));
  }

  /** The same for blobs already in the store. */
  ManifestContent bareManifest(BlobInfo c, BlobInfo l) {
    String json = "{\n  \"schemaVersion\": 2,\n  \"config\": {\"mediaType\": \"" + MediaType.OCI_CONFIG.value()
        + "\", \"digest\": \"" + c.digest() + "\", \"size\": " + c.size() + "},\n  \"layers\": [{\"mediaType\": \""
        + MediaType.OCI_LAYER_TAR.value() + "\", \"digest\": \"" + l.digest() + "\", \"size\": " + l.size() + "}]\n}\n";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  private static Tag[] tags(String... tags) {
    return Arrays.stream(tags).map(Tag::of).toArray(Tag[]::new);
  }
}
