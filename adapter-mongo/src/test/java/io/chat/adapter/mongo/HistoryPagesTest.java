package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History pages of a chat are read by exact seqs up to the chat's lastSeq; gaps left by failed
 * sends (a seq taken, its message never stored) must not shorten or shift a page.
 */
class HistoryPagesTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static EmbeddedMongo server;
  private MongoStore store;
  private ChatId chat;

  @BeforeAll
  static void startServer() {
    server = EmbeddedMongo.inMemory();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void connect() {
    store = Stores.fresh(server.connectionString());
  }

  @AfterEach
  void disconnect() {
    store.close();
  }

  /** Takes seqs 1..lastSeq in one chat, storing only the messages at {@code stored}. */
  private void history(long lastSeq, Set<Long> stored) {
    Chat candidate =
        Chat.start(
            store.ids().newChatId(), ALICE, BOB, SupportDesk.defaults(), Optional.empty(), T0);
    for (long seq = 1; seq <= lastSeq; seq++) {
      NewMessage message =
          new NewMessage(
              store.ids().newMessageId(),
              seq % 3 == 0 ? BOB : ALICE,
              MessageText.of("m" + seq),
              T0.plusSeconds(seq),
              Optional.empty());
      Chat after = done(store.chats().recordMessage(candidate, message, Optional.empty()));
      chat = after.id();
      if (stored.contains(after.lastSeq())) {
        done(store.messages().insert(message.at(after.id(), after.lastSeq())));
      }
    }
  }

  private static List<Long> seqs(List<Message> page) {
    return page.stream().map(Message::seq).toList();
  }

  @Test
  void aPageWithGapsStillHoldsTheLatestMessagesBeforeItsEnd() {
    history(
        20, Set.of(1L, 2L, 3L, 4L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 16L, 17L, 18L, 19L, 20L));

    assertThat(seqs(done(store.messages().latestBefore(chat, 1, 21, 10))))
        .containsExactly(10L, 11L, 12L, 13L, 14L, 16L, 17L, 18L, 19L, 20L);
    assertThat(seqs(done(store.messages().latestBefore(chat, 1, 10, 5))))
        .containsExactly(3L, 4L, 7L, 8L, 9L);
    assertThat(seqs(done(store.messages().earliestAfter(chat, 3, 5))))
        .containsExactly(4L, 7L, 8L, 9L, 10L);
  }

  @Test
  void aGapWiderThanSeveralPagesIsCrossed() {
    history(300, Set.of(1L, 2L, 3L, 300L));

    assertThat(seqs(done(store.messages().latestBefore(chat, 1, 301, 3))))
        .containsExactly(2L, 3L, 300L);
    assertThat(seqs(done(store.messages().earliestAfter(chat, 2, 3)))).containsExactly(3L, 300L);
    assertThat(seqs(done(store.messages().earliestAfter(chat, 3, 50)))).containsExactly(300L);
    assertThat(done(store.messages().countFrom(chat, ALICE, 0))).isEqualTo(2);
    assertThat(done(store.messages().countFrom(chat, BOB, 0))).isEqualTo(2);
  }

  @Test
  void aPageEndingPastTheLastSeqIsTheLatestPage() {
    history(60, Set.copyOf(LongStream.rangeClosed(1, 60).boxed().toList()));

    assertThat(seqs(done(store.messages().latestBefore(chat, 1, Long.MAX_VALUE, 3))))
        .containsExactly(58L, 59L, 60L);
    assertThat(seqs(done(store.messages().earliestAfter(chat, 58, 50)))).containsExactly(59L, 60L);
    assertThat(done(store.messages().earliestAfter(chat, 60, 50))).isEmpty();
  }

  @Test
  void aPageNeverReachesBelowItsFirstSeq() {
    history(10, Set.copyOf(LongStream.rangeClosed(1, 10).boxed().toList()));

    assertThat(seqs(done(store.messages().latestBefore(chat, 8, 11, 50))))
        .containsExactly(8L, 9L, 10L);
    assertThat(done(store.messages().latestBefore(chat, 8, 8, 50))).isEmpty();
    assertThat(done(store.messages().countFrom(chat, BOB, 5))).isEqualTo(2);
  }
}
