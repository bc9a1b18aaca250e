package io.chat.adapter.ws.engineio.archviolation;

import io.chat.adapter.ws.socketio.SocketIoServer;

/** Engine.IO reaching up to the Socket.IO layer that runs on it. */
public final class EngineIoStartsSocketIo {
  SocketIoServer server;
}
