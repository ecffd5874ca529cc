package dev.outpost.serve.auth;

import dev.outpost.serve.route.RegistryRoute;
import dev.outpost.store.auth.Action;
import dev.outpost.store.model.RepositoryName;

/** What a request needs before it may be served. {@link #forRoute} is the one route→action table. */
public sealed interface RequiredAccess {

  /**
   * The access each route requires: content (manifests, blobs, referrers) needs {@code content/read}; tag
   * lists need {@code metadata/read}; the catalog needs catalog access and is then filtered to
   * repositories with {@code metadata/read}; {@code /v2/} only needs valid credentials.
   */
  static RequiredAccess forRoute(RegistryRoute route) {
    return switch (route) {
      case RegistryRoute.Base b -> new Authenticated();
      case RegistryRoute.Catalog c -> new Catalog();
      case RegistryRoute.Manifest m -> new OnRepository(m.repository(), Action.CONTENT_READ);
      case RegistryRoute.Blob b -> new OnRepository(b.repository(), Action.CONTENT_READ);
      case RegistryRoute.Referrers r -> new OnRepository(r.repository(), Action.CONTENT_READ);
      case RegistryRoute.TagList t -> new OnRepository(t.repository(), Action.METADATA_READ);
    };
  }

  /** Any valid credentials. */
  record Authenticated() implements RequiredAccess {}

  /** The catalog listing. */
  record Catalog() implements RequiredAccess {}

  /** An action on one repository. */
  record OnRepository(RepositoryName repository, Action action) implements RequiredAccess {}
}
