package io.chat.adapter.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The protocol's envelope around every JSON answer, good or bad. */
final class Envelope {
  static final String JSON = "application/json; charset=utf-8";

  private Envelope() {}

  static void success(Context ctx, int status, String message, Object data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("message", message);
    out.put("data", data == null ? Map.of() : data);
    ctx.status(status).contentType(JSON).result(Json.write(out));
  }

  static void failure(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType(JSON).result(failureBytes(code, message));
  }

  static byte[] failureBytes(String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", false);
    out.put("message", message);
    out.put("error", error);
    return Json.write(out);
  }
}
