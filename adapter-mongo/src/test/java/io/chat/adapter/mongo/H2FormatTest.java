package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.chat.application.port.out.MessageRepository;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory written by an earlier version opens, whole, in the BSON layout. */
class H2FormatTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final String DATABASE = "chat";

  @TempDir Path directory;

  private static Message send(MongoStore store, UserId sender, int n) {
    Chat candidate =
        Chat.start(
            store.ids().newChatId(), ALICE, BOB, SupportDesk.defaults(), Optional.empty(), T0);
    NewMessage message =
        new NewMessage(
            store.ids().newMessageId(),
            sender,
            MessageText.of("message " + n),
            T0.plusSeconds(n),
            Optional.of(ClientMessageId.of("c-" + n)));
    Chat chat = done(store.chats().recordMessage(candidate, message, Optional.empty()));
    return done(store.messages().insert(message.at(chat.id(), chat.lastSeq()))).message();
  }

  /** Writes with mongo-java-server's own H2 backend, as the store did before the BSON layout. */
  private List<Message> writeWithTheStockBackend() {
    MVStore file =
        new MVStore.Builder()
            .fileName(directory.resolve(EmbeddedMongo.FILE_NAME).toString())
            .autoCommitDisabled()
            .open();
    MongoServer server = new MongoServer(new H2Backend(file));
    InetSocketAddress address = server.bind();
    try (MongoStore store =
        MongoStore.connect(
            "mongodb://127.0.0.1:" + address.getPort(), DATABASE, Duration.ofSeconds(10))) {
      done(store.createIndexes());
      return List.of(send(store, ALICE, 1), send(store, BOB, 2), send(store, ALICE, 3));
    } finally {
      server.shutdownNow(); // closes the file, which commits
    }
  }

  private static MongoStore open(EmbeddedMongo server) {
    return MongoStore.connect(server.connectionString(), DATABASE, Duration.ofSeconds(10));
  }

  @Test
  void anEarlierFileIsMovedToBsonAndKeepsEveryChatMessageAndUniqueKey() {
    List<Message> written = writeWithTheStockBackend();
    Message third = written.get(2);

    try (EmbeddedMongo server = EmbeddedMongo.persistent(directory);
        MongoStore store = open(server)) {
      Chat chat =
          done(store.chats().findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))).orElseThrow();
      assertThat(chat.lastSeq()).isEqualTo(3);
      assertThat(done(store.messages().earliestAfter(chat.id(), 0, 10))).isEqualTo(written);
      assertThat(
              done(
                  store
                      .messages()
                      .findByClientMessageId(chat.id(), ALICE, ClientMessageId.of("c-3"))))
          .contains(third);
      assertThat(done(store.messages().findById(third.id()))).contains(third);

      // The unique keys still hold: the same client id again is the stored message.
      MessageRepository.Stored again = done(store.messages().insert(third));
      assertThat(again.created()).isFalse();
      assertThat(send(store, BOB, 4).seq()).isEqualTo(4);
    }

    try (EmbeddedMongo server = EmbeddedMongo.persistent(directory);
        MongoStore store = open(server)) {
      Chat chat =
          done(store.chats().findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))).orElseThrow();
      assertThat(done(store.messages().earliestAfter(chat.id(), 0, 10)))
          .extracting(Message::seq)
          .containsExactly(1L, 2L, 3L, 4L);
    }
  }

  @Test
  void aNewFileIsBsonFromTheStartAndNeedsNoMove() {
    try (EmbeddedMongo server = EmbeddedMongo.persistent(directory);
        MongoStore store = open(server)) {
      done(store.createIndexes());
      send(store, ALICE, 1);
    }
    MVStore file =
        new MVStore.Builder()
            .fileName(directory.resolve(EmbeddedMongo.FILE_NAME).toString())
            .autoCommitDisabled()
            .open();
    try {
      assertThat(H2Format.prepare(file)).as("maps moved on the second start").isZero();
    } finally {
      file.close();
    }
  }
}
