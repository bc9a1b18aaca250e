package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message search as the Mongo adapter answers it, through the driver over a real socket: on the
 * embedded store in every build, and on a real MongoDB when {@code CHAT_MONGO_URI} is set, where
 * the query plan is checked too (the embedded store has no plans: it scans).
 */
class MongoMessageSearchTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static EmbeddedMongo server;
  private static MongoClient embedded;
  private static MongoClient real;
  private static final List<String> finds = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    server = EmbeddedMongo.inMemory();
    CommandListener listener =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")) {
              finds.add(event.getCommand().getString("find").getValue());
            }
          }
        };
    embedded =
        MongoClients.create(
            MongoClientSettings.builder(
                    MongoStore.clientSettings(server.connectionString(), Duration.ofSeconds(10)))
                .addCommandListener(listener)
                .build());
    String uri = System.getenv(ContractStores.URI_VARIABLE);
    if (uri != null && !uri.isBlank()) {
      real = MongoClients.create(MongoStore.clientSettings(uri, Duration.ofSeconds(10)));
    }
  }

  @AfterAll
  static void stop() {
    embedded.close();
    server.close();
    if (real != null) {
      real.close();
    }
  }

  /** What search promises, on whichever store {@link #client()} reaches. */
  abstract static class Cases {
    MongoDatabase database;
    MongoStore store;
    MongoMessageSearch forced;

    abstract MongoClient client();

    /** The plan to search with; empty: the store's, through {@code MongoStore.messages()}. */
    Optional<MongoMessageSearch.Plan> plan() {
      return Optional.empty();
    }

    @BeforeEach
    void freshDatabase() {
      database = client().getDatabase("search_" + UUID.randomUUID().toString().replace("-", ""));
      store = done(MongoStore.of(database).createIndexes());
      done(
          Stages.done(
              database
                  .getCollection(MongoStore.MESSAGES)
                  .createIndexes(MongoMessageSearch.indexes())));
      forced =
          plan()
              .map(p -> new MongoMessageSearch(database.getCollection(MongoStore.MESSAGES), p))
              .orElse(null);
    }

    @AfterEach
    void dropDatabase() {
      if (database != null) {
        done(Stages.done(database.drop()));
      }
    }

    ChatId newChat() {
      return store.ids().newChatId();
    }

    Message stored(ChatId chat, long seq, UserId sender, String text, Instant at) {
      Message message =
          new Message(
              store.ids().newMessageId(),
              chat,
              seq,
              sender,
              MessageText.of(text),
              at,
              Optional.empty());
      done(store.messages().insert(message));
      return message;
    }

    List<Message> search(
        UserId searcher,
        String query,
        List<SearchScope> scopes,
        Optional<SearchCursor> after,
        int limit) {
      List<String> words = SearchTerms.query(query);
      return done(
          forced == null
              ? store.messages().search(searcher, words, scopes, after, limit)
              : forced.search(searcher, words, scopes, after, limit));
    }

    List<Message> search(UserId searcher, String query, SearchScope... scopes) {
      return search(searcher, query, List.of(scopes), Optional.empty(), 50);
    }

    static SearchScope whole(ChatId chat) {
      return new SearchScope(chat, 1, Long.MAX_VALUE);
    }

    static List<String> texts(List<Message> found) {
      return found.stream().map(m -> m.text().value()).toList();
    }

    @Test
    void aMessageMatchesWhenItHasEveryWordWhateverTheirCaseAndAccents() {
      ChatId chat = newChat();
      stored(chat, 1, ALICE, "Crème BRÛLÉE tonight?", T0);
      stored(chat, 2, BOB, "crème fraîche", T0.plusSeconds(1));
      stored(chat, 3, BOB, "Créme and brulee, twice: BRULEE", T0.plusSeconds(2));

      assertThat(texts(search(BOB, "creme brulee", whole(chat))))
          .containsExactly("Créme and brulee, twice: BRULEE", "Crème BRÛLÉE tonight?");
      assertThat(texts(search(BOB, "FRAICHE", whole(chat)))).containsExactly("crème fraîche");
      assertThat(search(BOB, "creme pie", whole(chat))).isEmpty();
      assertThat(search(BOB, "crem", whole(chat))).isEmpty();
    }

    @Test
    void onlyTheScopesChatsAndTheirSeqsAreSearched() {
      ChatId mine = newChat();
      ChatId group = newChat();
      ChatId others = newChat();
      for (long seq = 1; seq <= 5; seq++) {
        stored(mine, seq, ALICE, "word " + seq, T0.plusSeconds(seq));
        stored(group, seq, BOB, "word in group " + seq, T0.plusSeconds(10 + seq));
        stored(others, seq, BOB, "word elsewhere " + seq, T0.plusSeconds(20 + seq));
      }

      List<Message> found =
          search(
              ALICE,
              "word",
              new SearchScope(mine, 3, Long.MAX_VALUE),
              new SearchScope(group, 2, 3));

      assertThat(texts(found))
          .containsExactly("word in group 3", "word in group 2", "word 5", "word 4", "word 3");
      assertThat(search(ALICE, "word", new SearchScope(mine, 4, 3))).isEmpty();
      assertThat(search(ALICE, "word", List.of(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void resultsComeNewestFirstTiesByIdAndACursorContinuesStrictlyAfterIt() {
      ChatId a = newChat();
      ChatId b = newChat();
      List<Message> all = new ArrayList<>();
      // Five at one millisecond across two chats, the others around them.
      all.add(stored(a, 1, ALICE, "tick early", T0));
      for (int i = 0; i < 5; i++) {
        all.add(stored(i % 2 == 0 ? a : b, 2 + i, BOB, "tick same " + i, T0.plusSeconds(5)));
      }
      all.add(stored(b, 10, ALICE, "tick late", T0.plusSeconds(9)));
      List<Message> expected = new ArrayList<>(all);
      expected.sort(
          Comparator.comparing(Message::createdAt).thenComparing(m -> m.id().value()).reversed());

      List<Message> walked = new ArrayList<>();
      Optional<SearchCursor> after = Optional.empty();
      List<SearchScope> scopes = List.of(whole(a), whole(b));
      // Bounded: a cursor that does not move on must fail here, not loop.
      for (int pages = 0; pages < 5; pages++) {
        List<Message> page = search(ALICE, "tick", scopes, after, 3);
        walked.addAll(page);
        if (page.size() < 3) {
          break;
        }
        Message last = page.get(page.size() - 1);
        after = Optional.of(new SearchCursor(last.createdAt(), last.id()));
      }

      assertThat(walked).extracting(Message::id).containsExactlyElementsOf(ids(expected));
    }

    private static List<MessageId> ids(List<Message> messages) {
      return messages.stream().map(Message::id).toList();
    }

    @Test
    void systemEntriesTombstonesAndMessagesHiddenForTheSearcherAreNeverFound() {
      ChatId chat = newChat();
      NewMessage entry =
          NewMessage.system(
              store.ids().newMessageId(),
              SystemEvent.created(ALICE, "secret club", List.of(BOB)),
              T0);
      done(store.messages().insert(entry.at(chat, 1)));
      Message deleted = stored(chat, 2, ALICE, "secret one", T0.plusSeconds(1));
      Message hidden = stored(chat, 3, ALICE, "secret two", T0.plusSeconds(2));
      Message edited = stored(chat, 4, ALICE, "secret three", T0.plusSeconds(3));
      stored(chat, 5, ALICE, "secret four", T0.plusSeconds(4));

      done(store.messages().revise(deleted.deletedForEveryone(T0.plusSeconds(10), 1)));
      done(store.messages().revise(hidden.hiddenFor(BOB, 2)));
      done(
          store
              .messages()
              .revise(edited.edited(MessageText.of("public now"), T0.plusSeconds(11), 3)));

      assertThat(texts(search(BOB, "secret", whole(chat)))).containsExactly("secret four");
      assertThat(texts(search(ALICE, "secret", whole(chat))))
          .containsExactly("secret four", "secret two");
      assertThat(texts(search(BOB, "public", whole(chat)))).containsExactly("public now");
      assertThat(search(BOB, "club", whole(chat))).isEmpty();
      Message found = search(ALICE, "two", whole(chat)).get(0);
      assertThat(found.id()).isEqualTo(hidden.id());
      assertThat(found.isHiddenFor(BOB)).isTrue();
    }

    @Test
    void aSearchOverAThousandChatsFindsTheirMessages() {
      List<SearchScope> scopes = new ArrayList<>();
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        ChatId chat = newChat();
        scopes.add(i % 3 == 0 ? new SearchScope(chat, 2, 2) : whole(chat));
        for (long seq = 1; seq <= 2; seq++) {
          batch.add(
              Codec.messageDocument(
                  new Message(
                      store.ids().newMessageId(),
                      chat,
                      seq,
                      BOB,
                      MessageText.of("hay " + (i == 500 ? "needle " : "") + i + "/" + seq),
                      T0.plusMillis(i * 10L + seq),
                      Optional.empty())));
        }
      }
      done(Stages.done(database.getCollection(MongoStore.MESSAGES).insertMany(batch)));

      assertThat(texts(search(ALICE, "needle", scopes, Optional.empty(), 10)))
          .containsExactly("hay needle 500/2", "hay needle 500/1");
      assertThat(texts(search(ALICE, "hay", scopes, Optional.empty(), 3)))
          .containsExactly("hay 999/2", "hay 998/2", "hay 998/1");
      assertThat(texts(search(ALICE, "hay 0", scopes, Optional.empty(), 3)))
          .containsExactly("hay 0/2");
    }
  }

  /** The store's own plan: the embedded store cannot explain a query, so it scans. */
  @Nested
  class OnTheEmbeddedStore extends Cases {
    @Override
    MongoClient client() {
      return embedded;
    }

    @Test
    void theEmbeddedStoreIsSearchedByScanning() {
      MongoMessageSearch search =
          new MongoMessageSearch(database.getCollection(MongoStore.MESSAGES));

      assertThat(done(search.plan())).isEqualTo(MongoMessageSearch.Plan.SCANNING);
    }

    @Test
    void overManyChatsAScanningStoreReadsTheKeysThenThePageByItsIds() {
      ChatId chat = newChat();
      stored(chat, 1, ALICE, "one query", T0);
      stored(chat, 2, ALICE, "two query", T0.plusSeconds(1));
      List<SearchScope> few = new ArrayList<>(List.of(whole(chat)));
      while (few.size() < MongoMessageSearch.MAX_BRANCHES_SCANNED) {
        few.add(whole(newChat()));
      }
      List<SearchScope> many = new ArrayList<>(few);
      many.add(whole(newChat()));
      search(ALICE, "warm", few.get(0));
      finds.clear();

      List<Message> inFew = search(ALICE, "query", few, Optional.empty(), 5);
      List<String> findsInFew = List.copyOf(finds);
      finds.clear();
      List<Message> inMany = search(ALICE, "query", many, Optional.empty(), 5);

      assertThat(texts(inFew)).containsExactly("two query", "one query");
      assertThat(texts(inMany)).containsExactly("two query", "one query");
      assertThat(findsInFew).containsExactly(MongoStore.MESSAGES);
      assertThat(finds).containsExactly(MongoStore.MESSAGES, MongoStore.MESSAGES);
    }
  }

  /** The plan MongoDB gets, checked for what it finds on the embedded store in every build. */
  @Nested
  class OnTheEmbeddedStoreWithTheIndexedPlan extends Cases {
    @Override
    MongoClient client() {
      return embedded;
    }

    @Override
    Optional<MongoMessageSearch.Plan> plan() {
      return Optional.of(MongoMessageSearch.Plan.INDEXED);
    }

    @Test
    void anIndexedSearchIsOneFind() {
      ChatId chat = newChat();
      stored(chat, 1, ALICE, "one query", T0);
      finds.clear();

      List<Message> found =
          search(ALICE, "query", List.of(whole(chat), whole(newChat())), Optional.empty(), 5);

      assertThat(texts(found)).containsExactly("one query");
      assertThat(finds).containsExactly(MongoStore.MESSAGES);
    }
  }

  @Nested
  @ExtendWith(ContractStores.RealMongoOnly.class)
  class OnARealMongoDb extends Cases {
    @Override
    MongoClient client() {
      return real;
    }

    @Test
    void mongoDbIsSearchedFromTheIndex() {
      MongoMessageSearch search =
          new MongoMessageSearch(database.getCollection(MongoStore.MESSAGES));

      assertThat(done(search.plan())).isEqualTo(MongoMessageSearch.Plan.INDEXED);
    }

    /**
     * The plan MongoDB picks reads the search index in result order: an index scan on it per chat,
     * merged, with no collection scan and no blocking sort.
     */
    @Test
    void theWinningPlanReadsTheSearchIndexInOrder() {
      List<SearchScope> scopes = new ArrayList<>();
      for (int c = 0; c < 20; c++) {
        ChatId chat = newChat();
        scopes.add(c % 2 == 0 ? whole(chat) : new SearchScope(chat, 3, 40));
        for (long seq = 1; seq <= 50; seq++) {
          stored(
              chat, seq, BOB, "plan " + (seq % 5 == 0 ? "rare " : "") + seq, T0.plusSeconds(seq));
        }
      }
      List<String> words = SearchTerms.query("plan rare");
      Optional<SearchCursor> after =
          Optional.of(new SearchCursor(T0.plusSeconds(45), store.ids().newMessageId()));
      for (Optional<SearchCursor> cursor : List.of(Optional.<SearchCursor>empty(), after)) {
        Document filter = MongoMessageSearch.filter(ALICE, words, scopes, cursor).orElseThrow();
        Document explained =
            done(
                Stages.single(
                    database.runCommand(
                        new Document(
                                "explain",
                                new Document("find", MongoStore.MESSAGES)
                                    .append("filter", filter)
                                    .append("sort", MongoMessageSearch.sort())
                                    .append("limit", 11)
                                    .append("hint", MongoMessageSearch.INDEX))
                            .append("verbosity", "queryPlanner"))));
        Document winning =
            explained.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        List<Map.Entry<String, String>> stages = new ArrayList<>();
        collectStages(winning, stages);

        assertThat(stages)
            .as("winning plan %s", winning.toJson())
            .contains(Map.entry("IXSCAN", MongoMessageSearch.INDEX))
            .extracting(Map.Entry::getKey)
            .doesNotContain("COLLSCAN", "SORT");
        assertThat(stages)
            .filteredOn(s -> s.getKey().equals("IXSCAN"))
            .extracting(Map.Entry::getValue)
            .containsOnly(MongoMessageSearch.INDEX);
      }
      assertThat(texts(search(ALICE, "plan rare", scopes, Optional.empty(), 3))).hasSize(3);
    }

    /** Every stage of a plan, with the index it reads (empty when none), in any engine's format. */
    private void collectStages(Object node, List<Map.Entry<String, String>> stages) {
      if (node instanceof Document document) {
        if (document.get("stage") instanceof String stage) {
          Object index = document.get("indexName");
          stages.add(Map.entry(stage, index instanceof String name ? name : ""));
        }
        document.forEach(
            (key, value) -> {
              if (!key.equals("slotBasedPlan")) {
                collectStages(value, stages);
              }
            });
      } else if (node instanceof List<?> list) {
        list.forEach(item -> collectStages(item, stages));
      }
    }
  }
}
