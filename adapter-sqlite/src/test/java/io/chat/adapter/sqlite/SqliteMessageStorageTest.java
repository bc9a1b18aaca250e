package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.MessageRepository.Stored;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.SearchTerms;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the contract cannot see: the rows themselves. A retried send from many threads at once
 * leaves one row, one search entry, one answer; a deletion for everyone leaves none of the
 * message's text in any row of any table, the search index's own tables included.
 */
class SqliteMessageStorageTest extends MessageStoreFixture {
  private static final int THREADS = 32;

  SqliteMessageStorageTest() {
    super(15L);
  }

  @Test
  void concurrentSendsOfOneClientMessageIdStoreOneMessageAndAllAnswerIt() throws Exception {
    List<Message> attempts = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      attempts.add(
          new NewMessage(
                  ids.newMessageId(),
                  ALICE,
                  MessageText.of("one ticket only, attempt " + i),
                  at(i),
                  Optional.of(ClientMessageId.of("retry-me")))
              .at(chat, 1 + i));
    }
    ExecutorService callers = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<CompletionStage<Stored>>> calls = new ArrayList<>();
    try {
      for (Message attempt : attempts) {
        calls.add(
            callers.submit(
                () -> {
                  start.await();
                  return store.messages().insert(attempt);
                }));
      }
      start.countDown();
      List<Stored> answers = new ArrayList<>();
      for (Future<CompletionStage<Stored>> call : calls) {
        answers.add(done(call.get(10, TimeUnit.SECONDS)));
      }

      assertThat(answers).filteredOn(Stored::created).hasSize(1);
      Message winner = answers.stream().filter(Stored::created).findFirst().orElseThrow().message();
      assertThat(answers).extracting(Stored::message).containsOnly(winner);
    } finally {
      callers.shutdownNow();
      callers.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
    assertThat(search("ticket")).hasSize(1);
  }

  @Test
  void aDeletionForEveryoneLeavesNoTextInAnyRowOfAnyTable() throws SQLException {
    Message quoted =
        new NewMessage(ids.newMessageId(), BOB, MessageText.of("what now"), at(1), Optional.empty())
            .at(chat, 1);
    Message secret =
        new NewMessage(
                ids.newMessageId(),
                ALICE,
                MessageText.of("@bob the Zanzibarcode is Quetzalcoatl"),
                at(2),
                Optional.of(ClientMessageId.of("c-2")),
                Optional.empty(),
                List.of(BOB),
                Optional.of(quoted.id()),
                true)
            .at(chat, 2)
            .edited(MessageText.of("@bob the Zanzibarcode is Quetzalcoatl, really"), at(3), 1)
            .withReactions(List.of(new Reaction("\uD83D\uDC4D", 1)), 2)
            .withPin(Optional.of(new Pin(CAROL, at(4))), 3)
            .hiddenFor(CAROL, 4);
    done(store.messages().insert(quoted));
    done(store.messages().insert(secret));
    done(store.reactions().set(secret, BOB, "\uD83D\uDC4D", true));
    // Enough other messages that the index has several segments and pages.
    for (int seq = 3; seq < 300; seq++) {
      done(
          store
              .messages()
              .insert(
                  new NewMessage(
                          ids.newMessageId(),
                          BOB,
                          MessageText.of("filler " + seq + " zebra quokka"),
                          at(seq + 10),
                          Optional.empty())
                      .at(chat, seq)));
    }
    assertThat(rowsContaining("quetzalcoatl")).isNotEmpty();

    Message tombstone = secret.deletedForEveryone(at(400), 5);
    done(store.messages().revise(tombstone));

    assertThat(done(store.messages().findById(secret.id()))).contains(tombstone);
    for (String trace : List.of("quetzalcoatl", "Quetzalcoatl", "zanzibarcode", "really")) {
      assertThat(rowsContaining(trace)).as("rows with %s", trace).isEmpty();
    }
    assertThat(rowsContaining(quoted.id().value()))
        .as("the quote is gone: only the quoted message's own row names it")
        .hasSize(1);
    assertThat(count("SELECT count(*) FROM reactions")).isZero();
    assertThat(search("quetzalcoatl")).isEmpty();
  }

  private List<Message> search(String query) {
    return done(
        store
            .messages()
            .search(
                BOB,
                SearchTerms.query(query),
                List.of(new SearchScope(chat, 1, Long.MAX_VALUE)),
                Optional.empty(),
                50));
  }

  /** Every row of every table (the search index's shadow tables too) with {@code text} in it. */
  private List<String> rowsContaining(String text) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = connection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          connection
              .createStatement()
              .executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      assertThat(tables).contains("messages", "message_search_data", "message_search_idx");
      for (String table : tables) {
        if (table.equals("message_search")) {
          continue; // the virtual table itself: its rows are in its shadow tables
        }
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              if (bytes(rows.getObject(c)).contains(bytes(text))) {
                found.add(table + " column " + c);
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** A value as its bytes, one char each: the search index's pages are blobs. */
  private static String bytes(Object value) {
    byte[] bytes =
        value instanceof byte[] blob
            ? blob
            : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private long count(String query) throws SQLException {
    try (Connection connection = connection();
        ResultSet row = connection.createStatement().executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private Connection connection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + store.file());
  }
}
