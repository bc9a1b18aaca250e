package io.chat.adapter.mongo;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that {@link DurabilityTest} kills: the standalone's setup (the embedded store on an
 * H2 file, reached through the driver), sending messages one after another and printing each one's
 * id once the store acknowledged it, until it is killed.
 */
public final class DurabilityWriter {
  static final UserId ALICE = UserId.of("alice");
  static final UserId BOB = UserId.of("bob");
  static final String DATABASE = "durable";

  private DurabilityWriter() {}

  public static void main(String[] args) {
    try {
      write(args);
    } catch (Throwable failure) {
      // The store's threads would keep a failed writer alive and the test waiting: say why, and go.
      System.out.println("FAILED " + failure);
      System.out.flush();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void write(String[] args) {
    Path dataDirectory = Path.of(args[0]);
    int limit = Integer.parseInt(args[1]);
    EmbeddedMongo server = EmbeddedMongo.persistent(dataDirectory);
    MongoStore store =
        Stores.done(
            MongoStore.connect(
                    server.connectionString(), DATABASE, java.time.Duration.ofSeconds(30))
                .createIndexes());
    System.out.println("READY");
    System.out.flush();
    for (int n = 1; n <= limit; n++) {
      Chat candidate =
          Chat.start(
              store.ids().newChatId(),
              ALICE,
              BOB,
              SupportDesk.defaults(),
              Optional.empty(),
              Instant.now());
      NewMessage message =
          new NewMessage(
              store.ids().newMessageId(),
              n % 2 == 0 ? ALICE : BOB,
              MessageText.of("durable " + n),
              Instant.now(),
              Optional.of(ClientMessageId.of("c-" + n)));
      Chat chat = Stores.done(store.chats().recordMessage(candidate, message, Optional.empty()));
      Message stored =
          Stores.done(store.messages().insert(message.at(chat.id(), chat.lastSeq()))).message();
      System.out.println("ACK " + stored.id() + " " + stored.seq() + " " + stored.chatId());
      System.out.flush();
    }
    System.out.println("DONE");
    System.out.flush();
    store.close();
    server.close();
  }
}
