package dev.outpost.agent.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One event in CloudEvents 1.0 structured mode: the attributes and {@code data} in one JSON object,
 * sent as {@code application/cloudevents+json}. {@code event} is the configured name
 * ({@code pass.completed}); the CloudEvents {@code type} prefixes it with {@link #TYPE_PREFIX}, as
 * the spec asks for a reverse-DNS name. Built with Jackson, which the agent already has: the
 * CloudEvents SDK would add three artifacts for six attributes.
 */
public record CloudEvent(String id, String event, String source, Instant time, String subject, Map<String, Object> data) {
  public static final String TYPE_PREFIX = "dev.outpost.";
  public static final String CONTENT_TYPE = "application/cloudevents+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public CloudEvent {
    data = Map.copyOf(data);
  }

  public static CloudEvent of(String event, String source, Instant time, String subject, Map<String, Object> data) {
    return new CloudEvent(UUID.randomUUID().toString(), event, source, time, subject, data);
  }

  /** The structured-mode body; its bytes are what the signature covers. */
  public byte[] body() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("specversion", "1.0");
    json.put("id", id);
    json.put("source", source);
    json.put("type", TYPE_PREFIX + event);
    json.put("time", time.toString());
    if (subject != null) {
      json.put("subject", subject);
    }
    json.put("datacontenttype", "application/json");
    json.put("data", data);
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event " + event, e);
    }
  }
}
