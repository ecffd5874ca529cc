package dev.outpost.serve.content;

import dev.outpost.store.ManifestReader;
import dev.outpost.store.model.RepositoryName;
import java.util.Collections;

/** Whether a repository exists, asked only on a miss, to choose NAME_UNKNOWN over a narrower code. */
final class Repositories {
  private Repositories() {}

  static boolean exists(ManifestReader manifests, RepositoryName repository) {
    return Collections.binarySearch(manifests.repositories(), repository) >= 0;
  }
}
