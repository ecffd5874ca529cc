package dev.outpost.store.image;

import java.util.SplittableRandom;

/** Seeded pseudo-random bytes: incompressible, and the same for the same seed and size. */
public final class RandomContent {
  private RandomContent() {}

  public static byte[] bytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
