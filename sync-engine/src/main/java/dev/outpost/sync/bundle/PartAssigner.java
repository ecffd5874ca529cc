package dev.outpost.sync.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills parts in the order items come, each up to the maximum part size, counting what an item
 * costs in a tar (a header record, a PAX record, the data padded to 512 bytes) and a reserve per
 * part for the layout's own files (its share of {@code outpost-bundle.json} grows with the number
 * of items). An item larger than a part gets a part of its own, with a warning.
 */
final class PartAssigner {
  /** oci-layout, index.json and the end-of-archive records, generously. */
  private static final long FIXED_RESERVE = 64 * 1024;
  /** One line of outpost-bundle.json's content map (digest, size, media type, part), generously. */
  private static final long RESERVE_PER_ITEM = 256;

  private final long maxPartSize;
  private final long room;
  private final List<String> warnings = new ArrayList<>();
  private int part = 1;
  private long used;

  PartAssigner(long maxPartSize, int totalItems) {
    this.maxPartSize = maxPartSize;
    this.room = maxPartSize - FIXED_RESERVE - RESERVE_PER_ITEM * totalItems;
    if (room <= 0) {
      throw new IllegalArgumentException("a part of " + maxPartSize + " bytes has no room left after the bundle's own"
          + " files (about " + (maxPartSize - room) + " bytes for " + totalItems + " items): give a larger --max-part-size");
    }
  }

  static long tarCost(long size) {
    return 1024 + (size + 511) / 512 * 512;
  }

  /** The part that carries an item of {@code size} bytes. */
  int assign(String what, long size) {
    long cost = tarCost(size);
    if (cost > room) {
      warnings.add(what + " (" + size + " bytes) is larger than --max-part-size " + maxPartSize
          + " allows: it gets part " + (used == 0 ? part : part + 1) + " to itself, which is larger than the maximum");
      if (used > 0) {
        part++;
      }
      int own = part;
      part++;
      used = 0;
      return own;
    }
    if (used + cost > room) {
      part++;
      used = 0;
    }
    used += cost;
    return part;
  }

  /** How many parts were started (at least one: an empty bundle is one part). */
  int parts() {
    return used == 0 && part > 1 ? part - 1 : part;
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
