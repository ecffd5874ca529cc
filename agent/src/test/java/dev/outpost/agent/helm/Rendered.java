package dev.outpost.agent.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.Function;

/** The objects one {@code helm template} rendered, found by type and name. */
record Rendered(List<Object> objects) {
  <T> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The one object of {@code type} named {@code name}; fails naming what there is instead. */
  <T extends HasMetadata> T one(Class<T> type, String name) {
    return one(type, name, o -> o.getMetadata().getName());
  }

  <T> T one(Class<T> type, String name, Function<T, String> nameOf) {
    List<T> matching = all(type).stream().filter(o -> name.equals(nameOf.apply(o))).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + ", found "
          + all(type).stream().map(nameOf).toList());
    }
    return matching.get(0);
  }
}
