package io.chat.adapter.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** The protocol's envelope around every JSON answer, good or bad, as UTF-8 bytes. */
public final class Envelope {
  /** The content type of every JSON answer. */
  public static final String JSON = "application/json; charset=utf-8";

  private Envelope() {}

  /** {@code {"success": true, "message", "data"}}; no data is an empty object. */
  public static byte[] success(String message, Object data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("message", message);
    out.put("data", data == null ? Map.of() : data);
    return Json.write(out);
  }

  /** {@code {"success": false, "message", "error": {"code", "message"}}}. */
  public static byte[] failure(String code, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", false);
    out.put("message", message);
    out.put("error", error(code, message));
    return Json.write(out);
  }

  /** The {@code error} object of a refusal, which realtime acks carry too. */
  public static Map<String, Object> error(String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    return error;
  }
}
