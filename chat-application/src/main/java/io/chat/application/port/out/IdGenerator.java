package io.chat.application.port.out;

import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;

/** Outbound port: new ids for chats and messages (24-hex, roughly time-ordered). */
public interface IdGenerator {

  ChatId newChatId();

  MessageId newMessageId();
}
