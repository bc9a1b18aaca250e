package io.chat.adapter.ws;

import io.chat.application.port.in.AuthenticateUseCase;
import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.ChatByIdUseCase;
import io.chat.application.port.in.GoOfflineUseCase;
import io.chat.application.port.in.GoOnlineUseCase;
import io.chat.application.port.in.MarkSeenUseCase;
import io.chat.application.port.in.MessageLifecycleUseCase;
import io.chat.application.port.in.RelayTypingUseCase;
import io.chat.application.port.in.SendMessageUseCase;
import java.util.Objects;
import java.util.Optional;

/**
 * The inbound ports that the realtime endpoints call: the same ones as REST, and calls (empty on a
 * host without them: {@code call:*} events are then refused).
 */
public record RealtimeUseCases(
    AuthenticateUseCase authenticate,
    SendMessageUseCase sendMessage,
    RelayTypingUseCase relayTyping,
    MarkSeenUseCase markSeen,
    GoOnlineUseCase goOnline,
    GoOfflineUseCase goOffline,
    ChatByIdUseCase chats,
    MessageLifecycleUseCase lifecycle,
    Optional<CallSignalingUseCase> calls) {

  public RealtimeUseCases {
    Objects.requireNonNull(authenticate, "authenticate");
    Objects.requireNonNull(sendMessage, "sendMessage");
    Objects.requireNonNull(relayTyping, "relayTyping");
    Objects.requireNonNull(markSeen, "markSeen");
    Objects.requireNonNull(goOnline, "goOnline");
    Objects.requireNonNull(goOffline, "goOffline");
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(calls, "calls");
  }

  /** Without calls. */
  public RealtimeUseCases(
      AuthenticateUseCase authenticate,
      SendMessageUseCase sendMessage,
      RelayTypingUseCase relayTyping,
      MarkSeenUseCase markSeen,
      GoOnlineUseCase goOnline,
      GoOfflineUseCase goOffline,
      ChatByIdUseCase chats,
      MessageLifecycleUseCase lifecycle) {
    this(
        authenticate,
        sendMessage,
        relayTyping,
        markSeen,
        goOnline,
        goOffline,
        chats,
        lifecycle,
        Optional.empty());
  }

  /** These use cases with {@code calls}. */
  public RealtimeUseCases withCalls(CallSignalingUseCase calls) {
    return new RealtimeUseCases(
        authenticate,
        sendMessage,
        relayTyping,
        markSeen,
        goOnline,
        goOffline,
        chats,
        lifecycle,
        Optional.of(calls));
  }
}
