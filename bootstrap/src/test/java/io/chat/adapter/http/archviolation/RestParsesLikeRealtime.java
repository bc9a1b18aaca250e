package io.chat.adapter.http.archviolation;

import io.chat.adapter.ws.transport.BoundedJson;

/** A package of the realtime adapter's protocols used outside it. */
public final class RestParsesLikeRealtime {
  BoundedJson json;
}
