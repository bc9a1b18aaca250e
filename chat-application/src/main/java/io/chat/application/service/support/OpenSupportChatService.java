package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.OpenSupportChatUseCase;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.message.MessageSender;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.MessageText;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Staff get or create a user's support chat, about an entity (a new topic replaces the old one),
 * and optionally open with a message from the desk.
 */
public final class OpenSupportChatService implements OpenSupportChatUseCase {
  private final Directory directory;
  private final ChatRepository chats;
  private final MessageSender sender;
  private final ChatViews views;
  private final Broadcasts broadcasts;
  private final IdGenerator ids;
  private final ServiceSettings settings;
  private final Clock clock;

  @Inject
  public OpenSupportChatService(
      Directory directory,
      ChatRepository chats,
      MessageSender sender,
      ChatViews views,
      Broadcasts broadcasts,
      IdGenerator ids,
      ServiceSettings settings,
      Clock clock) {
    this.directory = directory;
    this.chats = chats;
    this.sender = sender;
    this.views = views;
    this.broadcasts = broadcasts;
    this.ids = ids;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public CompletionStage<ChatView> openSupportChat(
      Actor staff,
      UserId user,
      Optional<RelatedEntity> relatedEntity,
      Optional<String> initialMessage) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          SupportDesk desk = settings.desk();
          Optional<MessageText> text =
              initialMessage.map(t -> MessageText.of(t, settings.maxTextLength()));
          Chat candidate =
              Chat.start(ids.newChatId(), user, desk.id(), desk, relatedEntity, clock.instant());
          return directory
              .requireKnown(user)
              .thenCompose(profile -> chats.findOrCreate(candidate))
              .thenCompose(chat -> retopic(chat, relatedEntity))
              .thenCompose(
                  chat ->
                      text.isEmpty()
                          ? Stages.done(chat)
                          : sender
                              .send(desk.id(), user, text.get(), Optional.empty())
                              .thenCompose(sent -> reload(chat)))
              .thenCompose(
                  chat -> {
                    if (text.isEmpty()) {
                      broadcasts.supportChanged(chat);
                    }
                    return views.view(chat, desk.id());
                  });
        });
  }

  private CompletionStage<Chat> retopic(Chat chat, Optional<RelatedEntity> relatedEntity) {
    boolean changed =
        relatedEntity.isPresent()
            && !relatedEntity.equals(chat.support().orElseThrow().relatedEntity());
    if (!changed) {
      return Stages.done(chat);
    }
    return chats
        .updateSupport(chat.id(), SupportChange.none().withRelatedEntity(relatedEntity.get()))
        .thenApply(updated -> updated.orElse(chat));
  }

  private CompletionStage<Chat> reload(Chat chat) {
    return chats
        .findById(chat.id())
        .thenApply(found -> found.orElseThrow(() -> new NotFoundException("Chat not found")));
  }
}
