package dev.outpost.store.rocks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.store.StoreException;
import java.io.IOException;

/**
 * Shared Jackson framing of the JSON value codecs. Values are plain records of strings, numbers
 * and lists (no Optional, no java.time), so the stored JSON is readable with {@code ldb} and its
 * schema is exactly the record. Absent fields are omitted; unknown fields are ignored so that an
 * older Outpost can read what a newer one wrote.
 */
final class JsonValues {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonValues() {}

  static byte[] encode(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("encoding " + value.getClass().getSimpleName() + " as JSON failed", e);
    }
  }

  static <T> T decode(byte[] value, Class<T> type, String kind) {
    try {
      return JSON.readValue(value, type);
    } catch (IOException e) {
      throw new StoreException("index " + kind + " record is corrupt: " + e.getMessage(), e);
    }
  }
}
