package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: my chats, latest activity first, with unread counts, last message and mute; chats
 * with a blocked partner (either way) are hidden.
 */
public interface ListChatsQuery {

  CompletionStage<ChatPage> listChats(UserId me, PageRequest page);
}
