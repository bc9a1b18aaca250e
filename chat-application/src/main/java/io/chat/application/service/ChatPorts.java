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
import io.chat.application.port.out.Turns;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.shared.KeyedSequencer;
import java.time.Clock;
import java.util.Objects;

/**
 * Every outbound port the chat core needs, for wiring by hand (see {@link ChatServices}). {@code
 * turns} orders the work on one chat; a single node leaves it out and takes turns in process.
 */
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
    Turns turns,
    Clock clock) {

  /** The ports of a single node: turns are taken in process. */
  public ChatPorts(
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
    this(
        chats,
        memberships,
        messages,
        reactions,
        blocks,
        mutes,
        users,
        pushTokens,
        events,
        push,
        presence,
        sendRateLimit,
        ids,
        accessTokens,
        storeHealth,
        new KeyedSequencer(),
        clock);
  }

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
    Objects.requireNonNull(turns, "turns");
    Objects.requireNonNull(clock, "clock");
  }
}
