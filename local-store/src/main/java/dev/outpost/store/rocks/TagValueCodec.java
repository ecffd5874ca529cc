package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.InvalidValueException;
import java.nio.charset.StandardCharsets;

/** Codec of a tag's value: the manifest digest as its UTF-8 string form. */
final class TagValueCodec {
  private TagValueCodec() {}

  static byte[] encode(Digest manifest) {
    return manifest.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Digest decode(byte[] value) {
    try {
      return Digest.parse(new String(value, StandardCharsets.UTF_8));
    } catch (InvalidValueException e) {
      throw new StoreException("index tag record is corrupt: " + e.getMessage(), e);
    }
  }
}
