package dev.outpost.agent.imports;

import java.time.Instant;

/**
 * A part the watcher imported: where it lay and how it looked then, which bundle and part it is,
 * whether that bundle still had tags waiting for another part afterwards, and whether the import
 * refused some of its content (corrupt or truncated: a copy of the part made again is imported again).
 */
public record ImportedPart(String path, Fingerprint fingerprint, String bundleId, int part, int parts,
    Instant importedAt, boolean waiting, boolean refused) {}
