package dev.outpost.store.rocks;

import dev.outpost.store.model.Digest;
import java.util.concurrent.Executor;

/**
 * What an ingest writes and where: the blob asked for, the store parts it needs (the guard that keeps
 * content out of the reserve among them), its release hook.
 */
record IngestTarget(
    Digest digest,
    long expectedSize,
    String source,
    BlobFiles files,
    BlobCatalog catalog,
    Executor writers,
    DirectBuffers buffers,
    SpaceGuard space,
    Runnable release) {}
