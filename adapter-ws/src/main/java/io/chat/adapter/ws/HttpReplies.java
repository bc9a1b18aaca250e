package io.chat.adapter.ws;

import io.chat.domain.shared.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Refusals of the realtime endpoints' HTTP requests, in the REST envelope. */
final class HttpReplies {
  private HttpReplies() {}

  static void error(HttpServletResponse response, int status, ErrorCode code, String message)
      throws IOException {
    var body = WireJson.object().put("success", false).put("message", message);
    body.set("error", WireJson.error(code, message));
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN, BLOCKED -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case PAYLOAD_TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }
}
