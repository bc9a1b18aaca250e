package io.chat.adapter.ws;

import io.chat.application.port.in.AuthenticateUseCase;
import io.chat.application.port.in.ChatByIdUseCase;
import io.chat.application.port.in.GoOfflineUseCase;
import io.chat.application.port.in.GoOnlineUseCase;
import io.chat.application.port.in.MarkSeenUseCase;
import io.chat.application.port.in.MessageLifecycleUseCase;
import io.chat.application.port.in.RelayTypingUseCase;
import io.chat.application.port.in.SendMessageUseCase;
import java.util.Objects;

/** The inbound ports that the realtime endpoints call: the same ones as REST. */
public record RealtimeUseCases(
    AuthenticateUseCase authenticate,
    SendMessageUseCase sendMessage,
    RelayTypingUseCase relayTyping,
    MarkSeenUseCase markSeen,
    GoOnlineUseCase goOnline,
    GoOfflineUseCase goOffline,
    ChatByIdUseCase chats,
    MessageLifecycleUseCase lifecycle) {

  public RealtimeUseCases {
    Objects.requireNonNull(authenticate, "authenticate");
    Objects.requireNonNull(sendMessage, "sendMessage");
    Objects.requireNonNull(relayTyping, "relayTyping");
    Objects.requireNonNull(markSeen, "markSeen");
    Objects.requireNonNull(goOnline, "goOnline");
    Objects.requireNonNull(goOffline, "goOffline");
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(lifecycle, "lifecycle");
  }
}
