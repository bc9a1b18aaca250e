package io.chat.application.service.call;

import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.Timers;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.marks.Marks;
import io.chat.application.service.message.MessageSender;
import io.chat.application.service.push.Pushes;
import io.chat.application.service.shared.Stages;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.chat.Chat;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.NotFoundException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Writes an ended call into its chat's timeline, as one entry ({@code kind: "call"}) that takes the
 * next seq in turn with the chat's messages, tells both users as any new entry is told, and pushes
 * a call the callee did not take to them. Written once per call: the entry's client message id is
 * the call's ({@code call:<callId>}, a prefix clients may not use), and it is looked up before
 * anything is recorded, so that a second end (a retry, a race of two nodes) records nothing and
 * moves no seq and no unread count. A failed write is retried after {@link #RETRIES}, then given
 * up, logged by the call's id alone.
 */
@Singleton
public final class CallLog {
  /** The waits before each retry of a failed write. */
  static final List<Duration> RETRIES =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));

  private static final System.Logger LOG = System.getLogger(CallLog.class.getName());

  private final ChatRepository chats;
  private final MessageRepository messages;
  private final MessageSender sender;
  private final IdGenerator ids;
  private final Broadcasts broadcasts;
  private final Pushes pushes;
  private final Marks marks;
  private final Timers timers;

  @Inject
  public CallLog(
      ChatRepository chats,
      MessageRepository messages,
      MessageSender sender,
      IdGenerator ids,
      Broadcasts broadcasts,
      Pushes pushes,
      Marks marks,
      Timers timers) {
    this.chats = chats;
    this.messages = messages;
    this.sender = sender;
    this.ids = ids;
    this.broadcasts = broadcasts;
    this.pushes = pushes;
    this.marks = marks;
    this.timers = timers;
  }

  /**
   * Logs {@code call}, which has ended; completes once the entry is stored and told, or the write
   * was given up (never exceptionally: failures are logged here).
   */
  public CompletionStage<Void> ended(Call call) {
    return attempt(call, 0);
  }

  private CompletionStage<Void> attempt(Call call, int failures) {
    return Stages.defer(() -> write(call))
        .handle(
            (done, failure) -> {
              if (failure == null) {
                return Stages.<Void>done(null);
              }
              Throwable cause = Failures.unwrapped(failure);
              // A refusal stays one (the chat is gone); a store that failed may be back.
              boolean again =
                  failures < RETRIES.size()
                      && !(cause instanceof ChatException refused
                          && refused.code() != ErrorCode.UNAVAILABLE);
              LOG.log(
                  System.Logger.Level.WARNING,
                  "call {0} not logged in chat {1} ({2}){3}",
                  call.id(),
                  call.chatId(),
                  cause.getClass().getSimpleName(),
                  again ? ", retrying in " + RETRIES.get(failures) : ", given up");
              if (!again) {
                return Stages.<Void>done(null);
              }
              return timers
                  .after(RETRIES.get(failures))
                  .thenCompose(ignored -> attempt(call, failures + 1));
            })
        .thenCompose(Function.identity());
  }

  private CompletionStage<Void> write(Call call) {
    CallEntry entry = call.entry();
    ClientMessageId key = clientMessageId(call);
    return chats
        .findById(call.chatId())
        .thenApply(c -> c.orElseThrow(() -> new NotFoundException("Chat not found")))
        .thenCompose(
            chat ->
                sender.inTurn(
                    chat,
                    () ->
                        messages
                            .findByClientMessageId(chat.id(), call.caller(), key)
                            .thenCompose(
                                earlier ->
                                    earlier.isPresent()
                                        ? Stages.done(Optional.<MessageRepository.Recorded>empty())
                                        : record(chat, call, entry))))
        .thenCompose(
            created -> {
              if (created.isEmpty()) {
                return Stages.<Void>done(null);
              }
              Chat after = created.get().chat();
              if (entry.outcome().missedByCallee()) {
                return pushes.callMissed(after, entry).thenApply(pushed -> (Void) null);
              }
              if (tookPart(call) && after.unreadFor(call.callee()) == 1) {
                return readByCallee(call, after, created.get().stored().message());
              }
              return Stages.<Void>done(null);
            });
  }

  /** Whether the callee took part: took the call, or rejected it themselves. */
  private static boolean tookPart(Call call) {
    CallOutcome outcome = call.outcome().orElseThrow();
    return outcome == CallOutcome.COMPLETED
        || (outcome == CallOutcome.REJECTED && call.endedBy().equals(Optional.of(call.callee())));
  }

  /**
   * The callee, who had read everything before it, took part in the call: its entry is no news to
   * them, so their read mark moves to it (and nothing else is marked read). Best effort.
   */
  private CompletionStage<Void> readByCallee(Call call, Chat chat, Message entry) {
    return marks
        .readUpTo(chat, call.callee(), entry)
        .handle(
            (mark, failure) -> {
              if (failure != null) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "call {0}: the callee's read mark did not move ({1})",
                    call.id(),
                    Failures.unwrapped(failure).getClass().getSimpleName());
              }
              return null;
            });
  }

  /** Records the entry: what was recorded when this stored it, empty when it was there already. */
  private CompletionStage<Optional<MessageRepository.Recorded>> record(
      Chat chat, Call call, CallEntry entry) {
    return messages
        .record(chats, chat, draft(call, entry), Optional.empty())
        .thenApply(
            recorded -> {
              MessageRepository.Stored stored = recorded.stored();
              if (!stored.created()) {
                return Optional.empty();
              }
              // As any message of a chat of two: the caller's devices get message:sent, the
              // callee's message:new, each with their own chat:update and unread count.
              broadcasts.messageStored(recorded.chat(), stored.message());
              return Optional.of(recorded);
            });
  }

  private NewMessage draft(Call call, CallEntry entry) {
    return new NewMessage(
        ids.newMessageId(),
        call.caller(),
        MessageText.NONE,
        call.endedAt().orElseThrow(),
        Optional.of(clientMessageId(call)),
        Optional.of(SystemEvent.call(entry)),
        List.of());
  }

  /** The entry's key, the call's: a second end of the same call stores nothing twice. */
  static ClientMessageId clientMessageId(Call call) {
    return ClientMessageId.of(ClientMessageId.CALL_PREFIX + call.id().value());
  }
}
