package io.chat.application.port.out.archviolation;

import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;

/** A method that answers an id directly but looks it up from its argument. */
public interface IdLookup {
  ChatId chatOf(UserId user);
}
