package io.chat.adapter.ws.engineio.archviolation;

import io.chat.application.port.in.MessageView;

/** Engine.IO knowing what it carries. */
public final class EngineIoReadsMessages {
  MessageView message;
}
