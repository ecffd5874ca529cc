package dev.outpost.sync.source;

import dev.outpost.store.model.MediaType;

/** Manifest bytes exactly as received, with the Content-Type they came with. Not yet verified. */
public record FetchedManifest(byte[] bytes, MediaType contentType) {}
