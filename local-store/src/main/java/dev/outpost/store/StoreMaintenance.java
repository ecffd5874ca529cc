package dev.outpost.store;

/**
 * The maintenance role of the store, next to the reader and writer roles: enumeration, deletion,
 * referrers, pull history and the commit/GC exclusion. Garbage collection, quota and verify take
 * this; sync and serve never need it.
 */
public interface StoreMaintenance
    extends StoreInventory, ReferrersReader, TagRemover, ContentRemover, CollectionGuard, PullHistory, EvictedTags,
        PendingImports {}
