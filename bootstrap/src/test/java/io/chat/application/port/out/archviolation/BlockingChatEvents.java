package io.chat.application.port.out.archviolation;

import io.chat.domain.chat.Chat;
import io.chat.domain.shared.ChatId;
import java.util.Optional;

/** A lookup that blocks, in a port whose name the old rule exempted by its suffix. */
public interface BlockingChatEvents {
  Optional<Chat> find(ChatId id);
}
