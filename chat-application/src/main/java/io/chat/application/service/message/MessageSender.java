package io.chat.application.service.message;

import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.Turns;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.push.Pushes;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Stores a message and tells everyone concerned, once. Sends into one chat run one at a time in
 * this process, so that events leave in {@code seq} order and a retry with the same client message
 * id finds the first one stored. Callers check who may send first; shared by the services that send
 * (users, and staff as the system user).
 *
 * <p>A retry is found by the store's {@link MessageRepository#recordUnlessStored}: inside the
 * send's own write where the store can, so that a send that is not a retry reads nothing first.
 */
@Singleton
public final class MessageSender {

  private final ChatRepository chats;
  private final MessageRepository messages;
  private final IdGenerator ids;
  private final Broadcasts broadcasts;
  private final Pushes pushes;
  private final Partners partners;
  private final SupportDesk desk;
  private final Clock clock;
  private final Turns turns;

  @Inject
  public MessageSender(
      ChatRepository chats,
      MessageRepository messages,
      IdGenerator ids,
      Broadcasts broadcasts,
      Pushes pushes,
      Partners partners,
      Turns turns,
      ServiceSettings settings,
      Clock clock) {
    this.chats = chats;
    this.turns = turns;
    this.messages = messages;
    this.ids = ids;
    this.broadcasts = broadcasts;
    this.pushes = pushes;
    this.partners = partners;
    this.desk = settings.desk();
    this.clock = clock;
  }

  /** Sends {@code text} from {@code sender} to {@code recipient}; the answer says if it is new. */
  public CompletionStage<Sent> send(
      UserId sender, UserId recipient, MessageText text, Optional<ClientMessageId> clientId) {
    return send(sender, recipient, text, clientId, Optional.empty(), false);
  }

  /**
   * As {@link #send(UserId, UserId, MessageText, Optional)}, answering {@code quote} (a checked
   * message of the same chat) or forwarded from another chat.
   */
  public CompletionStage<Sent> send(
      UserId sender,
      UserId recipient,
      MessageText text,
      Optional<ClientMessageId> clientId,
      Optional<ReplyPreview> quote,
      boolean forwarded) {
    PairKey pair = PairKey.of(sender, recipient);
    ChatType type = desk.chatTypeBetween(sender, recipient);
    CompletionStage<Stored> stored =
        turns.run(
            key(type, pair), () -> store(sender, recipient, text, clientId, quote, forwarded));
    return stored.thenApply(
        s -> {
          if (s.created) {
            if (s.chatIsNew) {
              partners.introduce(s.chat, broadcasts);
            }
            pushes.messageStored(s.chat, s.message);
          }
          return new Sent(
              s.chat.id(),
              MessageView.of(s.chat, s.message, sender).withQuoteAndMine(quote, Set.of()),
              s.created);
        });
  }

  /**
   * Runs {@code work} in turn with the sends into {@code chat}, a chat of two: a change to one of
   * its messages is told in order with them.
   */
  public <T> CompletionStage<T> inTurn(Chat chat, Supplier<CompletionStage<T>> work) {
    return turns.run(key(chat.type(), chat.pair()), work);
  }

  private static String key(ChatType type, PairKey pair) {
    return type.wire() + '|' + pair.value();
  }

  private CompletionStage<Stored> store(
      UserId sender,
      UserId recipient,
      MessageText text,
      Optional<ClientMessageId> clientId,
      Optional<ReplyPreview> quote,
      boolean forwarded) {
    Instant now = clock.instant();
    Chat candidate = Chat.start(ids.newChatId(), sender, recipient, desk, Optional.empty(), now);
    NewMessage draft =
        new NewMessage(
            ids.newMessageId(),
            sender,
            text,
            now,
            clientId,
            Optional.empty(),
            List.of(),
            quote.map(ReplyPreview::id),
            forwarded);
    // A retry (this sender's clientMessageId already in the pair's chat) answers the stored one.
    return messages
        .recordUnlessStored(
            chats, candidate, draft, candidate.supportStatusAfterMessageFrom(sender, desk))
        .thenApply(
            recorded -> {
              Chat chat = recorded.chat();
              MessageRepository.Stored stored = recorded.stored();
              if (stored.created()) {
                broadcasts.messageStored(chat, stored.message(), quote);
              }
              return new Stored(
                  chat, stored.message(), stored.created(), chat.id().equals(candidate.id()));
            });
  }

  private record Stored(Chat chat, Message message, boolean created, boolean chatIsNew) {}
}
