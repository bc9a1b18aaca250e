package io.chat.adapter.http.archviolation;

import io.chat.adapter.ws.RealtimeChat;

/** Breaks the onion: one adapter (REST) using another (realtime). */
public final class RestCallsRealtime {
  RealtimeChat realtime;
}
