package io.chat.application.service.group;

import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.Turns;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Appends entries to a group's timeline, one at a time per group in this process so that members
 * hear them in {@code seq} order: takes the next seq (the chat's one write; no member is written by
 * a send), runs what must happen at that seq (membership changes), stores the entry, and tells the
 * members as they are after it, plus anybody who just left. A retry with the same client message id
 * answers the stored message.
 */
@Singleton
public final class GroupTimeline {
  private final ChatRepository chats;
  private final MessageRepository messages;
  private final Broadcasts broadcasts;
  private final GroupAudience audience;
  private final Turns turns;

  @Inject
  public GroupTimeline(
      ChatRepository chats,
      MessageRepository messages,
      Broadcasts broadcasts,
      GroupAudience audience,
      Turns turns) {
    this.chats = chats;
    this.turns = turns;
    this.messages = messages;
    this.broadcasts = broadcasts;
    this.audience = audience;
  }

  /** The outcome of an append: the chat after it, the entry, whether it is new, who heard it. */
  public record Appended(Chat chat, Message entry, boolean created, List<UserId> audience) {}

  /**
   * Appends {@code entry} in turn, once {@code guard} accepts the group as it is then (the sender
   * still a member who may send, say; a change of members or settings cannot slip in between);
   * nothing else happens at its seq. A retry of a stored entry answers it without asking the guard.
   */
  public CompletionStage<Appended> append(
      ChatId group, NewMessage entry, Function<Chat, CompletionStage<Void>> guard) {
    return append(group, entry, Optional.empty(), guard);
  }

  /** As {@link #append(ChatId, NewMessage, Function)}, for a message that answers {@code quote}. */
  public CompletionStage<Appended> append(
      ChatId group,
      NewMessage entry,
      Optional<ReplyPreview> quote,
      Function<Chat, CompletionStage<Void>> guard) {
    return inTurn(
        group,
        () ->
            earlier(group, entry.sender(), entry.clientMessageId())
                .thenCompose(
                    found ->
                        found.isPresent()
                            ? chats
                                .findById(group)
                                .thenApply(
                                    c ->
                                        new Appended(
                                            c.orElseThrow(), found.get(), false, List.of()))
                            : chats
                                .findById(group)
                                .thenApply(
                                    c ->
                                        c.orElseThrow(
                                            () -> new NotFoundException("Chat not found")))
                                .thenCompose(
                                    chat ->
                                        guard
                                            .apply(chat)
                                            .thenCompose(
                                                ok -> store(chat, entry, null, Set.of(), quote)))));
  }

  /**
   * Runs {@code work} in turn with everything else appended to the group: a change reads the
   * members, decides, and appends with {@link #appendNow} without anything slipping in between.
   */
  public <T> CompletionStage<T> inTurn(ChatId group, Supplier<CompletionStage<T>> work) {
    return turns.run(group.value(), work);
  }

  /**
   * Appends {@code entry} now (the caller is {@linkplain #inTurn in turn}), running {@code atSeq}
   * with its seq before the entry is stored and told; {@code alsoTell} hear it besides the members
   * after the change (a member who just left). A change of members ({@code atSeq} given) makes the
   * audience be asked anew.
   */
  CompletionStage<Appended> appendNow(
      Chat group,
      NewMessage entry,
      LongFunction<CompletionStage<Void>> atSeq,
      Set<UserId> alsoTell) {
    return store(group, entry, atSeq, alsoTell, Optional.empty());
  }

  private CompletionStage<Optional<Message>> earlier(
      ChatId group, UserId sender, Optional<ClientMessageId> clientId) {
    return clientId.isEmpty()
        ? Stages.done(Optional.empty())
        : messages.findByClientMessageId(group, sender, clientId.get());
  }

  private CompletionStage<Appended> store(
      Chat group,
      NewMessage entry,
      LongFunction<CompletionStage<Void>> atSeq,
      Set<UserId> alsoTell,
      Optional<ReplyPreview> quote) {
    // A plain entry is one step of the store; a membership change writes its members between
    // the chat's step (which gives it its seq) and the entry.
    CompletionStage<MessageRepository.Recorded> recorded =
        atSeq == null
            ? messages.record(chats, group, entry, Optional.empty())
            : chats
                .recordMessage(group, entry, Optional.empty())
                .thenCompose(
                    chat ->
                        atSeq
                            .apply(chat.lastSeq())
                            .thenCompose(
                                ignored -> messages.insert(entry.at(chat.id(), chat.lastSeq())))
                            .thenApply(stored -> new MessageRepository.Recorded(chat, stored)));
    return recorded.thenCompose(
        r -> {
          Chat chat = r.chat();
          MessageRepository.Stored stored = r.stored();
          if (atSeq != null) {
            audience.changed(chat.id());
          }
          return audience
              .of(chat.id())
              .thenApply(
                  members -> {
                    Set<UserId> told = new LinkedHashSet<>(members);
                    told.addAll(alsoTell);
                    List<UserId> heard = List.copyOf(told);
                    if (stored.created()) {
                      broadcasts.groupEntryStored(chat, stored.message(), quote, heard);
                    }
                    return new Appended(chat, stored.message(), stored.created(), heard);
                  });
        });
  }
}
