package io.chat.adapter.http;

import io.chat.adapter.wire.Envelope;
import io.javalin.http.Context;

/** The wire's envelope as a Javalin answer. */
final class Answer {
  private Answer() {}

  static void success(Context ctx, int status, String message, Object data) {
    ctx.status(status).contentType(Envelope.JSON).result(Envelope.success(message, data));
  }

  static void failure(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType(Envelope.JSON).result(Envelope.failure(code, message));
  }
}
