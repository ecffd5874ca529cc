package dev.outpost.store.gc;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;

/** One thing garbage collection removed (or, in a dry run, would remove), with the bytes it held. */
public sealed interface Removal {
  long bytes();

  /** A line for people: the kind, the name, the size. */
  String describe();

  record Manifest(RepositoryName repository, Digest digest, long bytes) implements Removal {
    @Override
    public String describe() {
      return "manifest " + repository + "@" + digest + " " + bytes;
    }
  }

  record Blob(Digest digest, long bytes) implements Removal {
    @Override
    public String describe() {
      return "blob " + digest + " " + bytes;
    }
  }

  record Partial(Digest digest, long bytes, String reason) implements Removal {
    @Override
    public String describe() {
      return "partial " + digest + " " + bytes + " (" + reason + ")";
    }
  }
}
