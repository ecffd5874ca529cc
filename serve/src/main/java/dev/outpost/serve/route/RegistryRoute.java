package dev.outpost.serve.route;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;

/** A parsed {@code /v2/} request path. Every value in it has been validated by its factory. */
public sealed interface RegistryRoute {

  /** A short, fixed label for metrics and logs (bounded cardinality). */
  String label();

  /** {@code /v2/}: the API version check. */
  record Base() implements RegistryRoute {
    @Override
    public String label() {
      return "base";
    }
  }

  /** {@code /v2/_catalog}. */
  record Catalog() implements RegistryRoute {
    @Override
    public String label() {
      return "catalog";
    }
  }

  /** {@code /v2/<name>/manifests/<reference>}. */
  record Manifest(RepositoryName repository, Reference reference) implements RegistryRoute {
    @Override
    public String label() {
      return "manifest";
    }
  }

  /** {@code /v2/<name>/blobs/<digest>}. */
  record Blob(RepositoryName repository, Digest digest) implements RegistryRoute {
    @Override
    public String label() {
      return "blob";
    }
  }

  /** {@code /v2/<name>/referrers/<digest>} (OCI distribution 1.1). */
  record Referrers(RepositoryName repository, Digest subject) implements RegistryRoute {
    @Override
    public String label() {
      return "referrers";
    }
  }

  /** {@code /v2/<name>/tags/list}. */
  record TagList(RepositoryName repository) implements RegistryRoute {
    @Override
    public String label() {
      return "tags";
    }
  }
}
