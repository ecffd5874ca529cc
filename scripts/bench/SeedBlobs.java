import dev.outpost.store.LocalStore;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Path;

/**
 * Fills a store with random (incompressible) layers for verify-vs-openssl.sh: SeedBlobs STORE MIB
 * LAYER_MIB writes MIB MiB as images of one LAYER_MIB layer each, tagged bench/blobs:N, through the
 * store's public write API (so the index is exactly what a sync makes).
 */
public final class SeedBlobs {
  public static void main(String[] args) {
    Path store = Path.of(args[0]);
    long total = Long.parseLong(args[1]) << 20;
    int layer = Integer.parseInt(args[2]) << 20;
    try (LocalStore opened = RocksLocalStore.open(store)) {
      ImageImporter importer = new ImageImporter(opened);
      int n = 0;
      for (long written = 0; written < total; written += layer) {
        importer.importImage(RepositoryName.of("bench/blobs"),
            ImageBuilder.oci().randomLayer(n + 1, (int) Math.min(layer, total - written)).build(), Tag.of("t" + n));
        n++;
      }
    }
  }
}
