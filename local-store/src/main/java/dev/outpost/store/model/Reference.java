package dev.outpost.store.model;

/**
 * The {@code <reference>} of a manifest URL: a tag or a digest. A reference containing a colon is
 * a digest (tags cannot contain one), so parsing is unambiguous.
 */
public sealed interface Reference permits Reference.ByTag, Reference.ByDigest {

  /** Parses a path segment; throws {@link InvalidValueException} with kind TAG or DIGEST. */
  static Reference parse(String value) {
    if (value != null && value.indexOf(':') >= 0) {
      return new ByDigest(Digest.parse(value));
    }
    return new ByTag(Tag.of(value));
  }

  /** A tag reference. */
  record ByTag(Tag tag) implements Reference {
    @Override
    public String toString() {
      return tag.value();
    }
  }

  /** A digest reference. */
  record ByDigest(Digest digest) implements Reference {
    @Override
    public String toString() {
      return digest.toString();
    }
  }
}
