package io.chat.adapter.push.archviolation;

import io.chat.adapter.wire.Json;

/** Breaks the onion: the wire JSON is for the REST and realtime adapters only. */
public final class PushWritesWireJson {
  byte[] body() {
    return Json.write("x");
  }
}
