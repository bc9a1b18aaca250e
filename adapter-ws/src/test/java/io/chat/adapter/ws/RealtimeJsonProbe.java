package io.chat.adapter.ws;

import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.in.MessageView;

/** Lets tests in other packages see the realtime adapter's JSON of a message. */
public final class RealtimeJsonProbe {
  private RealtimeJsonProbe() {}

  public static String message(MessageView view) {
    return new BoundedJson(64 * 1024).write(WireJson.message(view));
  }
}
