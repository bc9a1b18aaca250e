package io.chat.adapter.sqlite;

import io.chat.domain.chat.Chat;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.relation.Block;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Fills a new store with data from elsewhere (another store's export), object by object, exactly as
 * given: chats with their marks, messages with their revisions, and so on. Writes go out in
 * transactions of a few hundred objects; {@link #written} completes when all handed over so far are
 * written (a caller waits on it now and then, so that no more than it handed over in between waits
 * in memory), and {@link #finish} closes the store and checks that its file stands alone (no
 * write-ahead log left beside it), so that the caller can move the file into place. One thread at a
 * time hands objects over.
 */
public final class SqliteImport implements AutoCloseable {
  private static final int BATCH = 500;

  private final SqliteStore store;
  private final List<SqlWork<Void>> batch = new ArrayList<>();
  private final List<CompletionStage<?>> written = new ArrayList<>();
  private long objects;
  private boolean closed;

  private SqliteImport(SqliteStore store) {
    this.store = store;
  }

  /** A new store in {@code directory}, which must not hold one yet. */
  public static SqliteImport into(Path directory) {
    if (Files.exists(directory.resolve(SqliteStore.FILE_NAME))) {
      throw new IllegalStateException(directory + " already holds a store");
    }
    return new SqliteImport(SqliteStore.open(directory));
  }

  public void user(UserProfile user) {
    port(store.users().save(user));
  }

  public void block(Block block) {
    port(store.blocks().add(block));
  }

  public void mute(Mute mute) {
    port(store.mutes().save(mute));
  }

  public void pushToken(UserId user, PushToken token) {
    port(store.pushTokens().register(user, token));
  }

  public void chat(Chat chat) {
    add(session -> SqliteChatRepository.importChat(session, chat));
  }

  public void membership(Membership membership) {
    add(session -> SqliteMembershipRepository.importMembership(session, membership));
  }

  public void message(Message message) {
    add(session -> SqliteMessageRepository.importMessage(session, message));
  }

  public void reaction(MessageId message, UserId user, String emoji) {
    add(session -> SqliteReactionRepository.importReaction(session, message, user, emoji));
  }

  /** How many objects were taken so far. */
  public long objects() {
    return objects;
  }

  private void port(CompletionStage<?> write) {
    objects++;
    written.add(write);
  }

  private void add(Consumer work) {
    objects++;
    batch.add(
        session -> {
          work.accept(session);
          return null;
        });
    if (batch.size() >= BATCH) {
      send();
    }
  }

  /** Queues the batch made so far as one write. */
  private void send() {
    if (!batch.isEmpty()) {
      List<SqlWork<Void>> works = List.copyOf(batch);
      batch.clear();
      written.add(
          store.write(
              session -> {
                for (SqlWork<Void> work : works) {
                  work.run(session);
                }
                return null;
              }));
    }
  }

  /** Completes once everything handed over so far is written (fails if any write failed). */
  public CompletionStage<Void> written() {
    send();
    CompletableFuture<?>[] all =
        written.stream()
            .map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new);
    written.clear();
    return CompletableFuture.allOf(all);
  }

  /**
   * Closes the store, once {@link #written} completed for everything handed over, and checks that
   * its file holds everything.
   */
  public void finish() {
    if (!batch.isEmpty() || !written.isEmpty()) {
      throw new IllegalStateException("objects handed over are not all written yet");
    }
    closed = true;
    store.close();
    Path wal = store.file().resolveSibling(SqliteStore.FILE_NAME + "-wal");
    if (Files.exists(wal)) {
      throw new IllegalStateException("the store's log was not folded into its file: " + wal);
    }
  }

  /** Closes the store without waiting for what is queued (after a failure). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      store.close();
    }
  }

  /** One object's statements, run inside the import's transaction. */
  @FunctionalInterface
  private interface Consumer {
    void accept(Session session) throws java.sql.SQLException;
  }
}
