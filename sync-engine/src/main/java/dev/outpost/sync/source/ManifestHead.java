package dev.outpost.sync.source;

import dev.outpost.store.model.Digest;
import java.util.Optional;

/**
 * What a manifest HEAD said. The digest is the parent's {@code Docker-Content-Digest} claim: good
 * enough to decide "unchanged?" against a digest we computed earlier, never trusted for content.
 */
public record ManifestHead(Optional<Digest> digest, Optional<String> contentType, long size) {}
