package io.chat.application.service;

import io.chat.application.port.out.AccessTokens;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatEvents;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.Presence;
import io.chat.application.port.out.PushNotifier;
import io.chat.application.port.out.PushTokens;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.port.out.SendRateLimit;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.UserDirectory;
import java.time.Clock;
import java.util.Objects;

/** Every outbound port the chat core needs, for wiring by hand (see {@link ChatServices}). */
public record ChatPorts(
    ChatRepository chats,
    MembershipRepository memberships,
    MessageRepository messages,
    ReactionRepository reactions,
    BlockList blocks,
    MuteSettings mutes,
    UserDirectory users,
    PushTokens pushTokens,
    ChatEvents events,
    PushNotifier push,
    Presence presence,
    SendRateLimit sendRateLimit,
    IdGenerator ids,
    AccessTokens accessTokens,
    StoreHealth storeHealth,
    Clock clock) {

  public ChatPorts {
    Objects.requireNonNull(chats, "chats");
    Objects.requireNonNull(memberships, "memberships");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(reactions, "reactions");
    Objects.requireNonNull(blocks, "blocks");
    Objects.requireNonNull(mutes, "mutes");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(pushTokens, "pushTokens");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(push, "push");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(sendRateLimit, "sendRateLimit");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(accessTokens, "accessTokens");
    Objects.requireNonNull(storeHealth, "storeHealth");
    Objects.requireNonNull(clock, "clock");
  }
}
