package dev.outpost.agent.imports;

import java.time.Instant;

/**
 * A part the watcher imported: where it lay and how it looked then, which bundle and part it is, and
 * whether that bundle still had tags waiting for another part afterwards.
 */
public record ImportedPart(String path, Fingerprint fingerprint, String bundleId, int part, int parts,
    Instant importedAt, boolean waiting) {}
