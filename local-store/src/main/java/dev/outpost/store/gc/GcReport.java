package dev.outpost.store.gc;

/**
 * What one collection removed (or would remove, when {@code dryRun}): counts and the bytes freed.
 * Manifest bytes are index bytes; blob and partial bytes are file bytes.
 */
public record GcReport(boolean dryRun, long manifests, long blobs, long partials, long bytesFreed) {
  public static final GcReport NOTHING = new GcReport(false, 0, 0, 0, 0);

  GcReport plus(Removal removal) {
    return switch (removal) {
      case Removal.Manifest m -> new GcReport(dryRun, manifests + 1, blobs, partials, bytesFreed + m.bytes());
      case Removal.Blob b -> new GcReport(dryRun, manifests, blobs + 1, partials, bytesFreed + b.bytes());
      case Removal.Partial p -> new GcReport(dryRun, manifests, blobs, partials + 1, bytesFreed + p.bytes());
    };
  }
}
