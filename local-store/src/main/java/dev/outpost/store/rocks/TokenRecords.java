package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.auth.ClientToken;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tokens} column family, with every record held decoded in memory. The endpoint looks a
 * client token up on every request (a bearer token is honoured only while its token and password
 * slot still stand), so a lookup is a map read: no RocksDB read, no JSON decode, and a name that does
 * not exist costs nothing either. The snapshot is exact, not a cache with a lifetime: RocksDB admits
 * one process to the store, every token write goes through this object, and each write replaces the
 * snapshot under the same lock before it returns, so a change is seen by the next request. Memory is
 * a few hundred bytes per token, and tokens are created by an administrator.
 */
final class TokenRecords {
  private final RocksIndex index;
  private final Object writes = new Object();
  private volatile Snapshot snapshot;

  /**
   * The decoded records, and those that would not decode: a damaged record fails the lookups of its
   * own name and the listing, as reading it from RocksDB did, and no one else's.
   */
  private record Snapshot(Map<String, ClientToken> tokens, Map<String, StoreException> damaged) {}

  TokenRecords(RocksIndex index) {
    this.index = index;
  }

  Optional<ClientToken> token(String name) {
    Snapshot current = current();
    StoreException damaged = current.damaged().get(name);
    if (damaged != null) {
      throw damaged;
    }
    return Optional.ofNullable(current.tokens().get(name));
  }

  List<ClientToken> tokens() {
    Snapshot current = current();
    current.damaged().values().stream().findFirst().ifPresent(e -> {
      throw e;
    });
    return List.copyOf(current.tokens().values());
  }

  void put(ClientToken token) {
    synchronized (writes) {
      index.put(Family.TOKENS, KeyCodec.token(token.name()), TokenCodec.encode(token), "store token " + token.name());
      snapshot = null;
    }
  }

  boolean delete(String name) {
    synchronized (writes) {
      boolean deleted = index.deleteIfPresent(Family.TOKENS, KeyCodec.token(name), "delete token " + name);
      snapshot = null;
      return deleted;
    }
  }

  /** Loads under the write lock, so a load never races a write and keeps a stale record. */
  private Snapshot current() {
    Snapshot current = snapshot;
    if (current != null) {
      return current;
    }
    synchronized (writes) {
      if (snapshot == null) {
        snapshot = load();
      }
      return snapshot;
    }
  }

  private Snapshot load() {
    Map<String, ClientToken> tokens = new LinkedHashMap<>();
    Map<String, StoreException> damaged = new LinkedHashMap<>();
    index.forEach(Family.TOKENS, new byte[0], "list tokens", (key, value) -> {
      String name = KeyCodec.tokenName(key);
      try {
        tokens.put(name, TokenCodec.decode(value));
      } catch (StoreException e) {
        damaged.put(name, e);
      }
    });
    return new Snapshot(Collections.unmodifiableMap(tokens), Collections.unmodifiableMap(damaged));
  }
}
