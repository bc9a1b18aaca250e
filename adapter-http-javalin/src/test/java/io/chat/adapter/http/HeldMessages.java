package io.chat.adapter.http;

import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.Collection;
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

  @Override
  public CompletionStage<Void> revise(Message revised) {
    return delegate.revise(revised);
  }

  @Override
  public CompletionStage<List<Message>> findByIds(Collection<MessageId> ids) {
    return delegate.findByIds(ids);
  }

  @Override
  public CompletionStage<List<Message>> revisedBetween(
      ChatId chat, long afterChange, long upToChange, int limit) {
    return delegate.revisedBetween(chat, afterChange, upToChange, limit);
  }

  @Override
  public CompletionStage<List<Message>> pinned(ChatId chat, int limit) {
    return delegate.pinned(chat, limit);
  }

  @Override
  public CompletionStage<List<Message>> search(
      UserId searcher,
      List<String> words,
      List<SearchScope> scopes,
      Optional<SearchCursor> after,
      int limit) {
    return delegate.search(searcher, words, scopes, after, limit);
  }
}
