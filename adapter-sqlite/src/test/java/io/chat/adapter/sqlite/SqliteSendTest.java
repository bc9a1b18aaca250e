package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.MessageRepository.Recorded;
import io.chat.application.port.out.MessageRepository.Stored;
import io.chat.application.testing.Users;
import io.chat.domain.chat.Chat;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send as one write: the chat's step and the message in one transaction, one commit. */
class SqliteSendTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path directory;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = SqliteStore.open(directory);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anInsertRunsNoQueryForGeneratedKeysAfterIt() {
    // The driver's default runs "SELECT last_insert_rowid()" after every INSERT run as an update
    // (a send's FTS5 row), to answer getGeneratedKeys; nothing here asks.
    boolean answered =
        done(
            store.write(
                session -> {
                  session.execute("CREATE TEMP TABLE probe (x INTEGER)");
                  PreparedStatement insert = session.statement("INSERT INTO probe (x) VALUES (1)");
                  assertThat(insert.executeUpdate()).isEqualTo(1);
                  try (ResultSet keys = insert.getGeneratedKeys()) {
                    return keys.next();
                  }
                }));

    assertThat(answered).isFalse();
  }

  @Test
  void aSendIsOneCommitAndAnswersWhatTheTwoWritesWouldHave() {
    Chat candidate =
        Chat.start(store.ids().newChatId(), ALICE, BOB, Users.DESK, Optional.empty(), T0);
    NewMessage first = message("hello", "c-1");
    long before = store.commits();

    Recorded recorded =
        done(store.messages().record(store.chats(), candidate, first, Optional.empty()));

    assertThat(store.commits() - before).isEqualTo(1);
    assertThat(recorded.chat().id()).isEqualTo(candidate.id());
    assertThat(recorded.chat().lastSeq()).isEqualTo(1);
    assertThat(recorded.chat().unreadFor(BOB)).isEqualTo(1);
    assertThat(recorded.stored().created()).isTrue();
    assertThat(recorded.stored().message().seq()).isEqualTo(1);
    assertThat(done(store.messages().findById(first.id()))).contains(recorded.stored().message());
    assertThat(done(store.chats().findById(candidate.id())).orElseThrow().lastSeq()).isEqualTo(1);

    // The next send into the pair's chat, from a fresh candidate (another id), finds the chat.
    Chat another =
        Chat.start(store.ids().newChatId(), BOB, ALICE, Users.DESK, Optional.empty(), T0);
    Recorded second =
        done(
            store
                .messages()
                .record(store.chats(), another, message("hi", "c-2"), Optional.empty()));
    assertThat(second.chat().id()).isEqualTo(candidate.id());
    assertThat(second.stored().message().seq()).isEqualTo(2);
  }

  @Test
  void aRetryWithTheSameClientIdAnswersTheStoredMessageAndStoresNothingNew() {
    Chat candidate =
        Chat.start(store.ids().newChatId(), ALICE, BOB, Users.DESK, Optional.empty(), T0);
    NewMessage first = message("hello", "c-1");
    done(store.messages().record(store.chats(), candidate, first, Optional.empty()));

    NewMessage retry = message("hello", "c-1");
    Recorded again =
        done(store.messages().record(store.chats(), candidate, retry, Optional.empty()));

    assertThat(again.stored().created()).isFalse();
    assertThat(again.stored().message().id()).isEqualTo(first.id());
    assertThat(done(store.messages().findById(retry.id()))).isEmpty();
  }

  @Test
  void aRetryRecordedUnlessStoredAnswersTheStoredMessageInsideTheWriteAndTheChatTakesNoSeq() {
    Chat candidate =
        Chat.start(store.ids().newChatId(), ALICE, BOB, Users.DESK, Optional.empty(), T0);
    NewMessage first = message("hello", "c-1");
    Recorded stored =
        done(
            store.messages().recordUnlessStored(store.chats(), candidate, first, Optional.empty()));
    assertThat(stored.stored().created()).isTrue();

    // The retry comes with a fresh candidate (another chat id), as a send after a restart would.
    Chat fresh = Chat.start(store.ids().newChatId(), BOB, ALICE, Users.DESK, Optional.empty(), T0);
    NewMessage retry = message("hello", "c-1");
    Recorded again =
        done(store.messages().recordUnlessStored(store.chats(), fresh, retry, Optional.empty()));

    assertThat(again.stored()).isEqualTo(new Stored(stored.stored().message(), false));
    assertThat(again.chat().id()).isEqualTo(candidate.id());
    assertThat(again.chat().lastSeq()).isEqualTo(1);
    assertThat(again.chat().unreadFor(BOB)).isEqualTo(1);
    assertThat(done(store.messages().findById(retry.id()))).isEmpty();
    assertThat(done(store.chats().findById(candidate.id())).orElseThrow().lastSeq()).isEqualTo(1);

    // The same client id from the other member is a message of its own.
    NewMessage bobs =
        new NewMessage(
            store.ids().newMessageId(),
            BOB,
            MessageText.of("hi"),
            T0,
            Optional.of(ClientMessageId.of("c-1")));
    Recorded other =
        done(store.messages().recordUnlessStored(store.chats(), fresh, bobs, Optional.empty()));
    assertThat(other.stored().created()).isTrue();
    assertThat(other.stored().message().seq()).isEqualTo(2);
  }

  private NewMessage message(String text, String clientId) {
    return new NewMessage(
        store.ids().newMessageId(),
        ALICE,
        MessageText.of(text),
        T0,
        Optional.of(ClientMessageId.of(clientId)));
  }
}
