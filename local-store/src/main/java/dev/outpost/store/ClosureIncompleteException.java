package dev.outpost.store;

import dev.outpost.store.model.Digest;
import java.util.List;

/**
 * A manifest was offered for commit while something it references is not present and verified
 * (DESIGN.md invariant 2: closure before visibility). Nothing was written.
 */
public final class ClosureIncompleteException extends StoreException {
  private final List<Digest> missing;

  public ClosureIncompleteException(Digest manifest, List<Digest> missing) {
    super("manifest " + manifest + " cannot become visible: " + missing.size()
        + " referenced item(s) missing, first " + missing.get(0));
    this.missing = List.copyOf(missing);
  }

  public List<Digest> missing() {
    return missing;
  }
}
