package io.chat.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.wire.Json;
import io.chat.domain.message.MessageText;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object, read field by field with the types the protocol gives: a field of the
 * wrong type is refused rather than coerced ({@code "text": 5} is not the text "5"), unknown fields
 * are refused, and text must be valid Unicode (no lone surrogates).
 */
final class Body {
  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  /** The body, refusing fields other than {@code allowed}. */
  static Body of(ObjectNode node, Set<String> allowed) {
    Json.requireOnly(node, allowed);
    return new Body(node);
  }

  boolean isEmpty() {
    return node.isEmpty();
  }

  boolean has(String field) {
    return node.has(field);
  }

  String requiredText(String field) {
    return text(field).orElseThrow(() -> new InvalidArgumentException(field + " is required"));
  }

  /** A text field; absent and {@code null} are both empty. */
  Optional<String> text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidArgumentException(field + " must be a string");
    }
    return Optional.of(validUnicode(field, value.textValue()));
  }

  Optional<Boolean> bool(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw new InvalidArgumentException(field + " must be true or false");
    }
    return Optional.of(value.booleanValue());
  }

  /**
   * A whole number field that must be there, {@code 0} or more (a JSON integer, not "5" or 5.0).
   */
  long requiredCount(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidArgumentException(field + " is required");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new InvalidArgumentException(field + " must be an integer, 0 or more");
    }
    return value.longValue();
  }

  /** A list of ids; absent and {@code null} are both empty. */
  List<UserId> userIds(String field, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new InvalidArgumentException(field + " must be an array of user ids");
    }
    if (value.size() > max) {
      throw new InvalidArgumentException(field + " holds at most " + max + " user ids");
    }
    List<UserId> ids = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new InvalidArgumentException(field + " must be an array of user ids");
      }
      ids.add(UserId.of(validUnicode(field, item.textValue())));
    }
    return List.copyOf(ids);
  }

  /**
   * A text field that may be set to {@code null} to remove it: absent is empty, {@code null} an
   * empty value.
   */
  Optional<Optional<String>> removableText(String field) {
    if (!node.has(field)) {
      return Optional.empty();
    }
    return Optional.of(text(field));
  }

  /** A nested object field, read with its own allowed fields. */
  Optional<Body> object(String field, Set<String> allowed) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw new InvalidArgumentException(field + " must be an object");
    }
    return Optional.of(of((ObjectNode) value, allowed));
  }

  /** Any text field or parameter is valid Unicode, by the rule of message texts. */
  static String validUnicode(String field, String text) {
    if (!MessageText.isValidUnicode(text)) {
      throw new InvalidArgumentException(field + " is not valid Unicode");
    }
    return text;
  }
}
