package io.chat.adapter.ws.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JSON text of the realtime wire, whatever layer reads or writes it: a parser bounded against
 * hostile input (depth, string and number lengths, duplicate keys, no {@code NaN}), and the writer.
 */
public final class BoundedJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonMapper mapper;

  public BoundedJson(int maxMessageBytes) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(maxMessageBytes)
            .maxNumberLength(32)
            .build();
    this.mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    mapper.getFactory().setStreamReadConstraints(limits);
  }

  /** The tree of a client's JSON text; empty when it is not one well-formed JSON value. */
  public Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = mapper.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public String write(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON string literal of {@code text}. */
  public String quote(String text) {
    return write(NODES.textNode(text));
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Whether a text is over {@code limit} bytes in UTF-8, counting only when it could be. */
  public static boolean tooLarge(String text, int limit) {
    if (text.length() * 3L <= limit) {
      return false;
    }
    return text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit;
  }
}
