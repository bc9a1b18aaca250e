package io.chat.application.port.in;

import io.chat.domain.chat.SupportStatus;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Inbound port: the support chats for staff, optionally of one status, latest activity first. */
public interface ListSupportChatsQuery {

  CompletionStage<ChatPage> listSupportChats(
      Actor staff, Optional<SupportStatus> status, PageRequest page);
}
