package dev.outpost.serve.content;

import dev.outpost.store.model.Digest;
import java.util.List;

/** Content-addressed entity tags: the ETag of any content is its quoted digest, and never changes. */
final class EntityTags {
  private EntityTags() {}

  static String of(Digest digest) {
    return "\"" + digest + "\"";
  }

  /** True when an {@code If-None-Match} header lists {@code tag} (weak or strong) or {@code *}. */
  static boolean matches(List<String> ifNoneMatch, String tag) {
    for (String header : ifNoneMatch) {
      for (String candidate : header.split(",")) {
        String c = candidate.trim();
        if (c.equals("*") || c.equals(tag) || c.equals("W/" + tag)) {
          return true;
        }
      }
    }
    return false;
  }
}
