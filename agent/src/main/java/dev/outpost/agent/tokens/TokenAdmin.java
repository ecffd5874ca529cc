package dev.outpost.agent.tokens;

import java.util.List;

/**
 * Token administration, either directly on the store or through a running Outpost's admin API
 * (RocksDB lets one process open the store, so while {@code outpost run} holds it the CLI asks it).
 */
public interface TokenAdmin {
  CreatedClientToken create(TokenSpec spec);

  List<TokenSummary> list();

  boolean delete(String name);
}
