package dev.outpost.agent.imports;

import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.BundleManifest;
import dev.outpost.sync.bundle.InvalidBundleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads a part's {@value BundleManifest#FILE_NAME}, the file a writer puts last: a part without it
 * (a directory still being copied, a tar cut short) is not complete yet, and is left alone. Only that
 * one file is read; verifying the content is the import's job.
 */
final class PartProbe {
  private PartProbe() {}

  /**
   * The part's bundle manifest, or empty while the part is incomplete.
   *
   * @throws InvalidBundleException the manifest is there but is not one
   */
  static Optional<BundleManifest> manifest(Path part) throws IOException {
    return Files.isDirectory(part) ? fromDirectory(part) : fromTar(part);
  }

  private static Optional<BundleManifest> fromDirectory(Path part) throws IOException {
    Path file = part.resolve(BundleManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (Files.size(file) > BundleJson.MAX_BYTES) {
      throw new InvalidBundleException(file + ": over " + BundleJson.MAX_BYTES + " bytes; not a bundle manifest");
    }
    return Optional.of(BundleJson.readManifest(Files.readAllBytes(file), file.toString()));
  }

  /**
   * A tar lists its entries in headers through the file; {@link TarFile} reads them all (skipping the
   * data), so a tar cut short before its last entry either fails to read or lacks the manifest.
   */
  private static Optional<BundleManifest> fromTar(Path part) throws IOException {
    try (TarFile tar = new TarFile(part)) {
      for (TarArchiveEntry entry : tar.getEntries()) {
        if (isManifest(entry.getName())) {
          if (entry.getSize() > BundleJson.MAX_BYTES) {
            throw new InvalidBundleException(part + ": " + entry.getName() + " is over " + BundleJson.MAX_BYTES + " bytes");
          }
          try (InputStream in = tar.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length != entry.getSize()) {
              return Optional.empty(); // the tar ends inside the manifest: still being copied
            }
            return Optional.of(BundleJson.readManifest(bytes, part + "!" + entry.getName()));
          }
        }
      }
      return Optional.empty();
    } catch (InvalidBundleException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Commons Compress reports a tar cut short as an IOException (or, for a header cut in half, an
      // IllegalArgumentException): the copy has not finished, or it never will; either way not a part yet.
      return Optional.empty();
    }
  }

  private static boolean isManifest(String entryName) {
    return entryName.equals(BundleManifest.FILE_NAME) || entryName.equals("./" + BundleManifest.FILE_NAME);
  }
}
