package io.chat.adapter.ws.transport;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a client asked for compact mode when it connected: a message event then carries the list
 * entry it changed (as its field {@code chat}) instead of a {@code chat:update} of its own. Asked
 * by the query parameter {@code compact} or the header {@code X-Chat-Compact} of the upgrade (or of
 * the Engine.IO handshake), {@code 1} or {@code true}; on Socket.IO also by {@code auth.compact}.
 */
public final class CompactMode {
  public static final String PARAMETER = "compact";
  public static final String HEADER = "X-Chat-Compact";

  private CompactMode() {}

  /** Whether {@code request} (an upgrade, a handshake) asks for it. */
  public static boolean requested(HttpServletRequest request) {
    return yes(request.getParameter(PARAMETER)) || yes(request.getHeader(HEADER));
  }

  /** Whether a Socket.IO {@code auth} object asks for it. */
  public static boolean requested(JsonNode auth) {
    JsonNode value = auth.path(PARAMETER);
    return value.isBoolean() ? value.booleanValue() : value.isTextual() && yes(value.textValue());
  }

  private static boolean yes(String value) {
    return value != null && (value.strip().equals("1") || value.strip().equalsIgnoreCase("true"));
  }
}
