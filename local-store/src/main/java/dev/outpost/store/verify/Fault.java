package dev.outpost.store.verify;

/**
 * One thing {@code verify} found wrong: what kind, the blob, manifest, tag or file it concerns,
 * details, and whether {@code --repair} dealt with it.
 */
public record Fault(Kind kind, String subject, String detail, boolean repaired) {
  /** The kinds of fault, each with the word the report prints. */
  public enum Kind {
    /** A blob the index records has no file. */
    MISSING_BLOB("missing"),
    /** A blob file shorter or longer than the index records. */
    TRUNCATED_BLOB("wrong size"),
    /** A blob file of the right size whose bytes do not hash to its digest. */
    CORRUPT_BLOB("corrupt"),
    /** A manifest whose stored bytes do not hash to its digest. */
    CORRUPT_MANIFEST("corrupt manifest"),
    /** A manifest that references a blob or child manifest the store does not have. */
    INCOMPLETE_CLOSURE("incomplete closure"),
    /** A tag pointing at a manifest the repository does not have. */
    DANGLING_TAG("tag without manifest"),
    /** A file under blobs/ the index does not know. */
    ORPHAN_FILE("orphaned file");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public String describe() {
    return kind.label() + ": " + subject + (detail.isEmpty() ? "" : " (" + detail + ")") + (repaired ? " [repaired]" : "");
  }
}
