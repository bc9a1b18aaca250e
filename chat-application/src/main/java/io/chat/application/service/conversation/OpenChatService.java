package io.chat.application.service.conversation;

import io.chat.application.port.in.OpenChatUseCase;
import io.chat.application.port.in.OpenedChat;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.Presence;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Gets or creates the chat of two users, with whether the other one is online. */
public final class OpenChatService implements OpenChatUseCase {
  private final Conversations conversations;
  private final ChatRepository chats;
  private final ChatViews views;
  private final Presence presence;
  private final Partners partners;
  private final Broadcasts broadcasts;
  private final IdGenerator ids;
  private final SupportDesk desk;
  private final Clock clock;

  @Inject
  public OpenChatService(
      Conversations conversations,
      ChatRepository chats,
      ChatViews views,
      Presence presence,
      Partners partners,
      Broadcasts broadcasts,
      IdGenerator ids,
      ServiceSettings settings,
      Clock clock) {
    this.conversations = conversations;
    this.chats = chats;
    this.views = views;
    this.presence = presence;
    this.partners = partners;
    this.broadcasts = broadcasts;
    this.ids = ids;
    this.desk = settings.desk();
    this.clock = clock;
  }

  @Override
  public CompletionStage<OpenedChat> openChat(UserId me, UserId other) {
    return conversations
        .requireCanTalk(me, other)
        .thenCompose(
            ok -> {
              Chat candidate =
                  Chat.start(ids.newChatId(), me, other, desk, Optional.empty(), clock.instant());
              return chats
                  .findOrCreate(candidate)
                  .thenCompose(
                      chat ->
                          chat.id().equals(candidate.id())
                              ? partners.introduce(chat, broadcasts).thenApply(x -> chat)
                              : Stages.done(chat));
            })
        .thenCompose(chat -> views.view(chat, me))
        .thenCombine(
            desk.hasPresence(other) ? presence.isOnline(other) : Stages.done(false),
            OpenedChat::new);
  }
}
