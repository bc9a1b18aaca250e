package io.chat.adapter.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The Expo push API's JSON and content encodings: messages and ticket ids out, tickets and receipts
 * in.
 */
final class ExpoWire {
  static final String DEVICE_NOT_REGISTERED = "DeviceNotRegistered";

  /** Tickets for 100 messages are a few kilobytes; anything far larger is not an answer. */
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpoWire() {}

  /** One message of a request: a single device, and what the notification shows and opens. */
  record Message(
      String to, String title, String body, String chatId, String senderId, boolean urgent) {
    /** A message of normal priority. */
    Message(String to, String title, String body, String chatId, String senderId) {
      this(to, title, body, chatId, senderId, false);
    }
  }

  /**
   * The service's answer to one message, in the order of the request; an accepted one has an id to
   * ask for its receipt with.
   */
  record Ticket(boolean ok, String error, Optional<String> token, Optional<String> id) {
    static Ticket accepted(Optional<String> id) {
      return new Ticket(true, "", Optional.empty(), id);
    }

    static Ticket refused(String error, Optional<String> token) {
      return new Ticket(false, error, token, Optional.empty());
    }
  }

  /** What became of one accepted message: delivered to the device's provider, or an error. */
  record Receipt(boolean ok, String error) {}

  /**
   * A receipts answer: the receipts that are ready, by ticket id (those not ready are absent), or
   * the errors that refused the whole request.
   */
  record Receipts(Map<String, Receipt> byId, List<String> requestErrors) {}

  /** A whole answer: a ticket per message, or the errors that refused the whole request. */
  record Answer(List<Ticket> tickets, List<String> requestErrors) {}

  static byte[] encode(List<Message> messages) {
    ArrayNode array = JSON.createArrayNode();
    for (Message message : messages) {
      ObjectNode node = array.addObject();
      node.put("to", message.to());
      node.put("title", message.title());
      node.put("body", message.body());
      ObjectNode data = node.putObject("data");
      data.put("chatId", message.chatId());
      data.put("senderId", message.senderId());
      node.put("sound", "default");
      if (message.urgent()) {
        // An incoming call: delivered at once, waking the device (Expo's "high" priority).
        node.put("priority", "high");
      }
    }
    try {
      return JSON.writeValueAsBytes(array);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("a tree of strings always serializes", impossible);
    }
  }

  /** Undoes the answer's {@code Content-Encoding} (we ask for gzip or deflate). */
  static byte[] decode(byte[] body, Optional<String> contentEncoding) throws IOException {
    String encoding = contentEncoding.map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse("");
    switch (encoding) {
      case "", "identity":
        return body;
      case "gzip", "x-gzip":
        return readBounded(new GZIPInputStream(new ByteArrayInputStream(body)));
      case "deflate":
        try {
          return readBounded(new InflaterInputStream(new ByteArrayInputStream(body)));
        } catch (ZipException raw) {
          // "deflate" is meant to be zlib-wrapped, but some servers send the raw stream.
          return readBounded(
              new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)));
        }
      default:
        throw new IOException("unsupported Content-Encoding " + encoding);
    }
  }

  static Answer parse(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IOException("answer is not a JSON object");
    }
    List<Ticket> tickets = new ArrayList<>();
    JsonNode data = root.path("data");
    // A single message may be answered with a single ticket rather than an array.
    Iterable<JsonNode> items = data.isObject() ? List.of(data) : data;
    for (JsonNode item : items) {
      if ("ok".equals(item.path("status").asText())) {
        tickets.add(Ticket.accepted(text(item.path("id"))));
      } else {
        JsonNode details = item.path("details");
        tickets.add(Ticket.refused(errorCode(details), text(details.path("expoPushToken"))));
      }
    }
    return new Answer(List.copyOf(tickets), List.copyOf(requestErrors(root)));
  }

  static byte[] encodeIds(List<String> ids) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("ids");
    ids.forEach(array::add);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("a tree of strings always serializes", impossible);
    }
  }

  static Receipts parseReceipts(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IOException("answer is not a JSON object");
    }
    Map<String, Receipt> byId = new HashMap<>();
    root.path("data")
        .properties()
        .forEach(
            entry -> {
              JsonNode item = entry.getValue();
              boolean ok = "ok".equals(item.path("status").asText());
              // The message is left out: Expo quotes tokens in it.
              byId.put(entry.getKey(), new Receipt(ok, ok ? "" : errorCode(item.path("details"))));
            });
    return new Receipts(Map.copyOf(byId), List.copyOf(requestErrors(root)));
  }

  private static List<String> requestErrors(JsonNode root) {
    List<String> requestErrors = new ArrayList<>();
    for (JsonNode error : root.path("errors")) {
      // The code only: the message may quote a token or the request.
      requestErrors.add(error.path("code").asText("UNKNOWN"));
    }
    return requestErrors;
  }

  private static String errorCode(JsonNode details) {
    String error = details.path("error").asText("");
    return error.isEmpty() ? "UNKNOWN" : error;
  }

  private static Optional<String> text(JsonNode node) {
    return Optional.of(node.asText("")).filter(value -> !value.isEmpty());
  }

  /** A token as logs may show it: its kind and the first few characters of its secret part. */
  static String shortToken(String token) {
    int open = token.indexOf('[');
    int start = open >= 0 ? open + 1 : 0;
    int end = Math.min(token.length(), start + 4);
    return token.substring(0, end) + "…";
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw new IOException("answer larger than " + MAX_ANSWER_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
