package io.chat.adapter.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.domain.shared.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON in and out. Input is strict: one object, no duplicate keys, no trailing content, nesting at
 * most {@link #MAX_DEPTH} deep. Output writes instants as ISO-8601 UTC with milliseconds. REST and
 * realtime write through this one mapper, so a message or a refusal reads the same on both.
 */
public final class Json {
  static final int MAX_DEPTH = 16;
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper MAPPER = mapper();

  private Json() {}

  private static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // An emoji goes out as its UTF-8 bytes, as realtime writes it, not as two escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.disable(JsonParser.Feature.ALLOW_COMMENTS);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    return mapper;
  }

  /** An instant as the protocol writes it: ISO-8601 UTC with milliseconds. */
  public static String instant(Instant instant) {
    return INSTANT.format(instant);
  }

  /** The body as a JSON object; an empty body is an empty object. */
  public static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException("The request body is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      return MAPPER.createObjectNode();
    }
    if (!node.isObject()) {
      throw new InvalidArgumentException("The request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** UTF-8 JSON of one of the shapes of {@link Wire} or {@link Envelope}, or of a tree. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** A shape of {@link Wire} or {@link Envelope} as a tree, for a writer that takes trees. */
  public static ObjectNode tree(Map<String, ?> shape) {
    return MAPPER.valueToTree(shape);
  }

  /** An empty object to build a document in. */
  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /** The JSON text of a trusted resource (no limits beyond the mapper's), as a tree. */
  public static JsonNode read(InputStream in) throws IOException {
    return MAPPER.readTree(in);
  }

  /**
   * Refuses a payload object with a field other than {@code allowed}, on every transport alike: a
   * client that sends {@code from} learns at once that it cannot choose the sender. The field's
   * name is quoted {@link #printable}.
   */
  public static void requireOnly(JsonNode object, Set<String> allowed) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidArgumentException("Unknown field: " + printable(name));
      }
    }
  }

  /**
   * A realtime event's payload: an object (a missing or null payload, or another kind of value, is
   * refused), with no field but {@code allowed} when given (null: any).
   */
  public static JsonNode payloadObject(JsonNode data, Set<String> allowed) {
    if (data == null || data.isNull() || data.isMissingNode()) {
      throw new InvalidArgumentException("The event needs a payload object");
    }
    if (!data.isObject()) {
      throw new InvalidArgumentException("The payload must be an object");
    }
    if (allowed != null) {
      requireOnly(data, allowed);
    }
    return data;
  }

  /** The string {@code field} of {@code data}: refused when missing, null or not a string. */
  public static String requiredString(JsonNode data, String field) {
    return optionalString(data, field)
        .orElseThrow(() -> new InvalidArgumentException(field + " is required"));
  }

  /** The string {@code field} of {@code data}, if there (null counts as absent); else refused. */
  public static Optional<String> optionalString(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidArgumentException(field + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  /**
   * A name from a request as an answer may quote it: at most 40 characters, printable ASCII only
   * (anything else as {@code ?}), so that nothing of the request is reflected raw.
   */
  public static String printable(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) + "\u2026" : name;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
