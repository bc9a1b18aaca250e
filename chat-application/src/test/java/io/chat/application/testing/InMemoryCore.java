package io.chat.application.testing;

import io.chat.adapter.inmemory.FixedAccessTokens;
import io.chat.adapter.inmemory.InMemoryBlockList;
import io.chat.adapter.inmemory.InMemoryChatRepository;
import io.chat.adapter.inmemory.InMemoryMessageRepository;
import io.chat.adapter.inmemory.InMemoryMuteSettings;
import io.chat.adapter.inmemory.InMemoryPushTokens;
import io.chat.adapter.inmemory.InMemoryReactionRepository;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.adapter.inmemory.InMemoryUserDirectory;
import io.chat.adapter.inmemory.MutableClock;
import io.chat.adapter.inmemory.RecordingChatEvents;
import io.chat.adapter.inmemory.RecordingPushNotifier;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.in.Actor;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.service.ChatPorts;
import io.chat.application.service.ChatServices;
import io.chat.application.service.ChatSettings;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.user.UserId;
import java.util.Optional;

/**
 * The whole chat core on in-memory ports, with a clock the test moves and recorders for events and
 * pushes: for service, scenario and adapter tests that need real use cases without a store.
 */
public final class InMemoryCore {
  public final MutableClock clock = new MutableClock(Times.T0);
  public final InMemoryStoreHealth health = new InMemoryStoreHealth();
  public final InMemoryChatRepository chats = new InMemoryChatRepository(health);
  public final InMemoryMessageRepository messages = new InMemoryMessageRepository(health);
  public final InMemoryReactionRepository reactions = new InMemoryReactionRepository(health);
  public final InMemoryBlockList blocks = new InMemoryBlockList();
  public final InMemoryMuteSettings mutes = new InMemoryMuteSettings();
  public final InMemoryUserDirectory users = new InMemoryUserDirectory(health);
  public final InMemoryPushTokens pushTokens = new InMemoryPushTokens();
  public final RecordingChatEvents events = new RecordingChatEvents();
  public final RecordingPushNotifier push = new RecordingPushNotifier();
  public final InProcessPresence presence = new InProcessPresence();
  public final FixedAccessTokens tokens = new FixedAccessTokens();
  public final ChatSettings settings;
  public final ChatPorts ports;
  public final ChatServices services;

  public InMemoryCore() {
    this(ChatSettings.defaults());
  }

  public InMemoryCore(ChatSettings settings) {
    this(settings, 20, 5);
  }

  /** A core whose send limit is {@code burst} at once and {@code perSecond} sustained. */
  public InMemoryCore(ChatSettings settings, int burst, double perSecond) {
    this.settings = settings;
    this.ports =
        new ChatPorts(
            chats,
            chats.memberships(),
            messages,
            reactions,
            blocks,
            mutes,
            users,
            pushTokens,
            events,
            push,
            presence,
            new InProcessSendRateLimit(burst, perSecond, clock),
            new ObjectIdGenerator(clock),
            tokens,
            health,
            clock);
    this.services = ChatServices.create(ports, settings);
  }

  /**
   * A second core over the same store, presence and events, as another process of one deployment
   * would be: it remembers its own lookups.
   */
  public ChatServices anotherProcess() {
    return ChatServices.create(ports, settings);
  }

  /** Makes the users known to the directory, as if each had signed in once. */
  public InMemoryCore withUsers(UserId... ids) {
    for (UserId id : ids) {
      Await.done(users.save(Users.profile(id)));
    }
    return this;
  }

  public UserId system() {
    return settings.systemUser().id();
  }

  public static Actor staff(UserId id) {
    return new Actor(id, true, Times.at(86_400));
  }

  public static Actor user(UserId id) {
    return new Actor(id, false, Times.at(86_400));
  }

  /** Sends and waits: the stored message. */
  public Sent send(UserId from, UserId to, String text) {
    return Await.done(
        services.sendMessage().send(new SendMessage(from, to, text, Optional.empty())));
  }

  /** Sends with a client message id and waits. */
  public Sent send(UserId from, UserId to, String text, String clientMessageId) {
    return Await.done(
        services
            .sendMessage()
            .send(
                new SendMessage(from, to, text, Optional.of(ClientMessageId.of(clientMessageId)))));
  }
}
