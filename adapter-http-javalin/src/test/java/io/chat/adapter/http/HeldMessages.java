package io.chat.adapter.http;

import io.chat.application.port.out.MessageRepository;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A message store whose inserts wait for {@link #release}: requests that store a message stay in
 * flight as long as a test wants, without a thread blocked on them. Reads pass straight through.
 */
final class HeldMessages implements MessageRepository {
  private final MessageRepository delegate;
  private final CompletableFuture<Void> gate = new CompletableFuture<>();
  private final Semaphore arrived = new Semaphore(0);

  HeldMessages(MessageRepository delegate) {
    this.delegate = delegate;
  }

  /** Lets every held insert, and every later one, through. */
  void release() {
    gate.complete(null);
  }

  /** Waits until {@code count} inserts have reached the store. */
  boolean awaitArrivals(int count) throws InterruptedException {
    return arrived.tryAcquire(count, 20, TimeUnit.SECONDS);
  }

  /** Inserts that reached the store and were not awaited yet. */
  int unawaitedArrivals() {
    return arrived.availablePermits();
  }

  @Override
  public CompletionStage<Stored> insert(Message message) {
    arrived.release();
    return gate.thenCompose(open -> delegate.insert(message));
  }

  @Override
  public CompletionStage<Optional<Message>> findById(MessageId id) {
    return delegate.findById(id);
  }

  @Override
  public CompletionStage<Optional<Message>> findByClientMessageId(
      ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    return delegate.findByClientMessageId(chat, sender, clientMessageId);
  }

  @Override
  public CompletionStage<List<Message>> latestBefore(
      ChatId chat, long fromSeq, long beforeSeq, int limit) {
    return delegate.latestBefore(chat, fromSeq, beforeSeq, limit);
  }

  @Override
  public CompletionStage<List<Message>> earliestAfter(ChatId chat, long afterSeq, int limit) {
    return delegate.earliestAfter(chat, afterSeq, limit);
  }

  @Override
  public CompletionStage<Long> countFrom(ChatId chat, UserId sender, long afterSeq) {
    return delegate.countFrom(chat, sender, afterSeq);
  }

  @Override
  public CompletionStage<Long> countUnread(
      ChatId chat, UserId reader, long afterSeq, long upToSeq, int cap) {
    return delegate.countUnread(chat, reader, afterSeq, upToSeq, cap);
  }
}
