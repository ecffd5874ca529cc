package dev.outpost.store;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.util.List;

/** Reads the referrers (signatures, SBOMs) recorded for a subject in one repository. */
public interface ReferrersReader {
  /** Knows no referrers: for a server assembled without a store's referrers (tests, tools). */
  ReferrersReader NONE = new ReferrersReader() {
    @Override
    public List<Digest> referrers(RepositoryName repository, Digest subject) {
      return List.of();
    }

    @Override
    public List<Descriptor> referrerDescriptors(RepositoryName repository, Digest subject) {
      return List.of();
    }
  };

  /** Digests of the visible manifests of {@code repository} whose subject is {@code subject}, in digest order. */
  List<Digest> referrers(RepositoryName repository, Digest subject);

  /**
   * The same referrers as descriptors for the referrers API: the manifest's media type (the
   * Content-Type it is served with), size, {@code artifactType} (else its config's media type) and
   * its own annotations; no platform.
   */
  List<Descriptor> referrerDescriptors(RepositoryName repository, Digest subject);
}
