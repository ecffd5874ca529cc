package dev.outpost.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.function.Function;

/**
 * Parses one YAML scalar through a value type's factory. A factory's exception becomes a Jackson
 * mapping error at the scalar's own location, so the loader can report the exact key and line.
 */
final class ScalarDeserializer<T> extends StdScalarDeserializer<T> {
  private final transient Function<String, T> factory;
  private final String example;

  ScalarDeserializer(Class<T> type, Function<String, T> factory, String example) {
    super(type);
    this.factory = factory;
    this.example = example;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.hasToken(JsonToken.VALUE_STRING) && !parser.currentToken().isScalarValue()) {
      throw new Refused(parser, "expected a single value such as " + example, handledType());
    }
    String text = parser.getValueAsString();
    try {
      return factory.apply(text);
    } catch (RuntimeException e) {
      throw new Refused(parser, e.getMessage(), handledType());
    }
  }

  /** The value type's factory refused the scalar; the message is the factory's, fit for users as is. */
  static final class Refused extends MismatchedInputException {
    Refused(JsonParser parser, String message, Class<?> type) {
      super(parser, message, type);
    }
  }
}
