package dev.outpost.agent.helm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code helm template} output into fabric8's Kubernetes model (and {@link CertManager}'s
 * records for the two cert-manager kinds fabric8 no longer models), refusing any field the model
 * does not know. fabric8's classes keep unknown fields in an "additional properties" map through
 * {@code @JsonAnySetter}; this mapper ignores that annotation, so an unknown field fails with
 * Jackson's message naming it and its path, as the API server would refuse it.
 */
final class StrictManifests {
  private static final Map<String, Class<?>> TYPES = Map.of(
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "v1/Service", Service.class,
      "v1/Pod", Pod.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "apps/v1/DaemonSet", DaemonSet.class,
      "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
      "cert-manager.io/v1/Issuer", CertManager.Issuer.class,
      "cert-manager.io/v1/Certificate", CertManager.Certificate.class);

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .setAnnotationIntrospector(new NoAnySetter())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Every document of {@code text}, typed by its apiVersion and kind; empty documents are skipped. */
  List<Object> read(String text) {
    List<Object> objects = new ArrayList<>();
    try (JsonParser parser = yaml.getFactory().createParser(text);
        MappingIterator<JsonNode> documents = yaml.readValues(parser, JsonNode.class)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          objects.add(typed(document));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  private Object typed(JsonNode document) throws IOException {
    String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    Class<?> model = TYPES.get(type);
    if (model == null) {
      throw new IllegalArgumentException("the chart renders " + type + ", which these tests do not model");
    }
    return yaml.treeToValue(document, model);
  }

  /** Jackson's introspector, blind to {@code @JsonAnySetter}: no catch-all for unknown fields. */
  private static final class NoAnySetter extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(Annotated member) {
      return Boolean.FALSE;
    }
  }
}
