package io.chat.application.service.marks;

import io.chat.application.port.in.Cleared;
import io.chat.application.port.in.SeenMark;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.KeyedSequencer;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.MemberState;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Moves a member's read and clear marks by compare-and-set against the stored chat, retrying when a
 * message or another device got there first, so that a mark never moves backwards and the unread
 * count matches the marks. Moves of one member's marks in one chat run one at a time in this
 * process, each telling of itself before the next starts, so that the other side hears of marks in
 * the order they moved (as sends are sequenced per chat). Shared by the services that mark.
 */
@Singleton
public final class Marks {
  private static final int ATTEMPTS = 16;

  private final ChatRepository chats;
  private final MessageRepository messages;
  private final Broadcasts broadcasts;
  private final KeyedSequencer sequencer = new KeyedSequencer();

  @Inject
  public Marks(ChatRepository chats, MessageRepository messages, Broadcasts broadcasts) {
    this.chats = chats;
    this.messages = messages;
    this.broadcasts = broadcasts;
  }

  /**
   * Moves {@code reader}'s read mark up to {@code upTo} (nothing happens if it is there already);
   * the other side hears {@code seen} when it moved.
   */
  public CompletionStage<SeenMark> readUpTo(Chat chat, UserId reader, Message upTo) {
    return update(
            chat,
            reader,
            current -> readState(current, reader, upTo.seq()),
            moved -> broadcasts.readMarkMoved(moved, reader, upTo))
        .thenApply(moved -> SeenMark.of(moved.chat(), reader));
  }

  /**
   * Moves {@code reader}'s read mark to the chat's last message, whatever that is by then; the
   * other side hears {@code seen} when it moved.
   */
  public CompletionStage<SeenMark> readAll(Chat chat, UserId reader) {
    return update(
            chat,
            reader,
            current -> readState(current, reader, current.lastSeq()),
            moved ->
                moved
                    .lastMessage()
                    .ifPresent(last -> broadcasts.readMarkMoved(moved, reader, last)))
        .thenApply(moved -> SeenMark.of(moved.chat(), reader));
  }

  /**
   * Moves {@code user}'s clear mark to the chat's last message, whatever that is by then; their
   * devices hear of it when it moved.
   */
  CompletionStage<Cleared> clearAll(Chat chat, UserId user) {
    return update(
            chat,
            user,
            current -> {
              MemberState state = current.member(user);
              return Stages.done(
                  state.clearMarkWouldAdvance(current.lastSeq())
                      ? Optional.of(state.clearedUpTo(current.lastSeq()))
                      : Optional.empty());
            },
            cleared -> broadcasts.cleared(cleared, user))
        .thenApply(moved -> new Cleared(moved.chat().id(), moved.chat().member(user).clearedSeq()));
  }

  /** The outcome of a move: the chat after it, and whether anything changed. */
  private record Moved(Chat chat, boolean changed) {}

  private CompletionStage<Optional<MemberState>> readState(Chat chat, UserId reader, long seq) {
    MemberState state = chat.member(reader);
    if (!state.readMarkWouldAdvance(seq)) {
      return Stages.done(Optional.empty());
    }
    long visibleFrom = Math.max(seq, state.clearedSeq());
    if (visibleFrom >= chat.lastSeq()) {
      return Stages.done(Optional.of(state.readUpTo(seq, 0)));
    }
    return messages
        .countFrom(chat.id(), chat.otherThan(reader), visibleFrom)
        .thenApply(unread -> Optional.of(state.readUpTo(seq, unread)));
  }

  private CompletionStage<Moved> update(
      Chat chat,
      UserId member,
      Function<Chat, CompletionStage<Optional<MemberState>>> decide,
      Consumer<Chat> tell) {
    return sequencer.run(
        chat.id().value() + '|' + member.value(),
        () ->
            attempt(chat, member, decide, ATTEMPTS)
                .thenApply(
                    moved -> {
                      if (moved.changed()) {
                        tell.accept(moved.chat());
                      }
                      return moved;
                    }));
  }

  private CompletionStage<Moved> attempt(
      Chat chat,
      UserId member,
      Function<Chat, CompletionStage<Optional<MemberState>>> decide,
      int attemptsLeft) {
    return decide
        .apply(chat)
        .thenCompose(
            next -> {
              if (next.isEmpty()) {
                return Stages.done(new Moved(chat, false));
              }
              return chats
                  .compareAndSetMember(
                      chat.id(), member, chat.lastSeq(), chat.member(member), next.get())
                  .thenCompose(
                      applied -> {
                        if (applied) {
                          return Stages.done(new Moved(chat.withMember(member, next.get()), true));
                        }
                        if (attemptsLeft <= 1) {
                          throw new BusyException();
                        }
                        return chats
                            .findById(chat.id())
                            .thenCompose(
                                fresh ->
                                    attempt(
                                        fresh.orElseThrow(
                                            () -> new NotFoundException("Chat not found")),
                                        member,
                                        decide,
                                        attemptsLeft - 1));
                      });
            });
  }

  /** A mark could not be moved because the chat kept changing under it; the caller may retry. */
  public static final class BusyException extends ChatException {
    BusyException() {
      super(ErrorCode.CONFLICT, "The chat is busy, try again");
    }
  }
}
