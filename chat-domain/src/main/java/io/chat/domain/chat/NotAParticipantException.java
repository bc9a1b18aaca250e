package io.chat.domain.chat;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** Only the two participants of a chat act in it. */
public class NotAParticipantException extends ChatException {
  public NotAParticipantException() {
    super(ErrorCode.FORBIDDEN, "You are not a participant of this chat");
  }
}
