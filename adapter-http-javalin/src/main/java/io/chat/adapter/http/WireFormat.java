package io.chat.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.MessageView;
import io.chat.domain.shared.ErrorCode;
import java.time.Instant;

/**
 * The REST adapter's JSON shapes and error table for the other web adapter (realtime), so that a
 * message, a chat or a refusal is written one way on every transport.
 */
public final class WireFormat {
  /** The content type of every JSON answer. */
  public static final String JSON_CONTENT_TYPE = Envelope.JSON;

  private WireFormat() {}

  /** A message as the protocol shows it (field order as documented). */
  public static ObjectNode message(MessageView view) {
    return Json.MAPPER.valueToTree(Wire.message(view));
  }

  /** A chat as the protocol shows it. */
  public static ObjectNode chat(ChatView view) {
    return Json.MAPPER.valueToTree(Wire.chat(view));
  }

  /** An instant as the protocol writes it: ISO-8601 UTC with milliseconds. */
  public static String instant(Instant instant) {
    return Json.instant(instant);
  }

  /** The {@code error} object of the envelope: {@code {"code", "message"}}. */
  public static ObjectNode error(ErrorCode code, String message) {
    return Json.MAPPER.createObjectNode().put("code", code.name()).put("message", message);
  }

  /** The whole refusal envelope, as bytes of UTF-8 JSON. */
  public static byte[] failure(ErrorCode code, String message) {
    return Envelope.failureBytes(code.name(), message);
  }

  /** The one HTTP status of an error code. */
  public static int status(ErrorCode code) {
    return ErrorTable.status(code);
  }
}
