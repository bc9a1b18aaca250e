package io.chat.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.PushTokens;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.UserDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The Mongo adapter's entry point: every storage port on one database, and the indexes they rely
 * on. Works the same on a real MongoDB and on the {@link EmbeddedMongo} store.
 */
public final class MongoStore implements AutoCloseable {
  public static final String DEFAULT_DATABASE = "chat";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static final String CHATS = "chats";
  static final String MESSAGES = "messages";
  static final String MEMBERSHIPS = "memberships";
  static final String BLOCKS = "blocks";
  static final String MUTES = "mutes";
  static final String USERS = "users";
  static final String PUSH_TOKENS = "push_tokens";
  static final String REACTIONS = "reactions";

  private final Optional<MongoClient> ownClient;
  private final MongoDatabase database;
  private final MongoChatRepository chats;
  private final MongoMembershipRepository memberships;
  private final MongoMessageRepository messages;
  private final MongoReactionRepository reactions;
  private final MongoBlockList blocks;
  private final MongoMuteSettings mutes;
  private final MongoUserDirectory users;
  private final MongoPushTokens pushTokens;
  private final MongoStoreHealth health;
  private final MongoIds ids = new MongoIds();

  private MongoStore(Optional<MongoClient> ownClient, MongoDatabase database) {
    this.ownClient = ownClient;
    this.database = Objects.requireNonNull(database, "database");
    MongoCollection<Document> chatCollection = database.getCollection(CHATS);
    this.memberships = new MongoMembershipRepository(database.getCollection(MEMBERSHIPS));
    this.chats = new MongoChatRepository(chatCollection, memberships);
    this.messages = new MongoMessageRepository(database.getCollection(MESSAGES), chatCollection);
    this.reactions = new MongoReactionRepository(database.getCollection(REACTIONS));
    this.blocks = new MongoBlockList(database.getCollection(BLOCKS));
    this.mutes = new MongoMuteSettings(database.getCollection(MUTES));
    this.users = new MongoUserDirectory(database.getCollection(USERS));
    this.pushTokens = new MongoPushTokens(database.getCollection(PUSH_TOKENS));
    this.health = new MongoStoreHealth(database);
  }

  /** The ports on a database whose client the caller owns (and closes). */
  public static MongoStore of(MongoDatabase database) {
    return new MongoStore(Optional.empty(), database);
  }

  /**
   * Connects to {@code connectionString} with every operation bounded by {@code timeout} (server
   * selection, connecting, and each operation as a whole), unless the connection string says
   * otherwise. The store owns the client: {@link #close()} closes it.
   */
  public static MongoStore connect(String connectionString, String databaseName, Duration timeout) {
    MongoClient client = MongoClients.create(clientSettings(connectionString, timeout));
    return new MongoStore(Optional.of(client), client.getDatabase(databaseName));
  }

  /** The client settings of {@link #connect}: timeouts first, the connection string's over them. */
  static MongoClientSettings clientSettings(String connectionString, Duration timeout) {
    int millis = Math.toIntExact(timeout.toMillis());
    return MongoClientSettings.builder()
        .applyToClusterSettings(c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(s -> s.connectTimeout(millis, TimeUnit.MILLISECONDS))
        .applyToConnectionPoolSettings(p -> p.maxWaitTime(millis, TimeUnit.MILLISECONDS))
        .timeout(millis, TimeUnit.MILLISECONDS)
        .applyConnectionString(new ConnectionString(connectionString))
        .build();
  }

  public static MongoStore connect(String connectionString) {
    return connect(connectionString, DEFAULT_DATABASE, DEFAULT_TIMEOUT);
  }

  /**
   * Creates the indexes the repositories rely on (creating an index that exists is a no-op, so this
   * runs at every start), then brings data written by earlier releases up to date (search words for
   * the messages stored before search, once: {@link SearchWordsMigration}). Completes with this
   * store.
   */
  public CompletionStage<MongoStore> createIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    List<CompletionStage<Void>> all =
        List.of(
            create(
                CHATS,
                // The chat of a pair: one per type and pair, found by its exact key.
                new IndexModel(
                    new Document(Codec.TYPE, 1).append(Codec.PAIR_KEY, 1),
                    unique.name("type_pairKey")),
                // A user's chat list, latest activity first.
                new IndexModel(
                    new Document(Codec.PARTICIPANTS, 1)
                        .append(Codec.UPDATED_AT, -1)
                        .append(Codec.ID, -1),
                    new IndexOptions().name("participants_updatedAt")),
                // The support desk's list, by status.
                new IndexModel(
                    new Document(Codec.TYPE, 1)
                        .append(Codec.STATUS, 1)
                        .append(Codec.UPDATED_AT, -1)
                        .append(Codec.ID, -1),
                    new IndexOptions().name("type_status_updatedAt"))),
            create(MESSAGES, messageIndexes()),
            create(
                REACTIONS,
                // How many users reacted to a message with an emoji (a recount).
                new IndexModel(
                    new Document(MongoReactionRepository.MESSAGE, 1)
                        .append(MongoReactionRepository.EMOJI, 1),
                    new IndexOptions().name("m_e"))),
            create(
                MEMBERSHIPS,
                // A group's current members (leftSeq 0) by user id: fan-out, member pages, counts.
                new IndexModel(
                    new Document(Codec.CHAT_ID, 1)
                        .append(Codec.LEFT_SEQ, 1)
                        .append(Codec.USER_ID, 1),
                    new IndexOptions().name("chatId_leftSeq_userId")),
                // A user's groups that their chat list shows, answered from the index alone.
                new IndexModel(
                    new Document(Codec.USER_ID, 1).append(Codec.HIDDEN, 1).append(Codec.CHAT_ID, 1),
                    new IndexOptions().name("userId_hidden_chatId")),
                // Who read up to a seq, and the highest read mark of a group.
                new IndexModel(
                    new Document(Codec.CHAT_ID, 1).append(Codec.READ_SEQ, 1),
                    new IndexOptions().name("chatId_readSeq")),
                // Who received up to a seq (with the above: the two branches of readingFrom).
                new IndexModel(
                    new Document(Codec.CHAT_ID, 1).append(Codec.DELIVERED_SEQ, 1),
                    new IndexOptions().name("chatId_deliveredSeq"))),
            create(
                BLOCKS,
                new IndexModel(
                    new Document(MongoBlockList.BLOCKER, 1).append(MongoBlockList.BLOCKED, 1),
                    new IndexOptions().name("blocker_blocked")),
                new IndexModel(
                    new Document(MongoBlockList.BLOCKED, 1), new IndexOptions().name("blocked"))),
            create(
                PUSH_TOKENS,
                new IndexModel(
                    new Document(MongoPushTokens.USER, 1), new IndexOptions().name("userId"))));
    CompletableFuture<?>[] futures =
        all.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(futures)
        .thenCompose(ignored -> new SearchWordsMigration(database).run())
        .thenApply(ignored -> this);
  }

  private CompletionStage<Void> create(String collection, IndexModel... indexes) {
    return create(collection, List.of(indexes));
  }

  private CompletionStage<Void> create(String collection, List<IndexModel> indexes) {
    return Stages.done(database.getCollection(collection).createIndexes(indexes));
  }

  /** The messages' indexes: history, ids, retries, catching up, pins, and search's. */
  private static List<IndexModel> messageIndexes() {
    List<IndexModel> indexes =
        new ArrayList<>(
            List.of(
                // History pages as range scans, where the store plans them (a real MongoDB).
                new IndexModel(
                    new Document(Codec.CHAT_ID, 1).append(Codec.SEQ, 1),
                    new IndexOptions().unique(true).name("chatId_seq")),
                new IndexModel(
                    new Document(Codec.MESSAGE_ID, 1), new IndexOptions().unique(true).name("mid")),
                // Idempotent retries: present only on messages that came with a client id.
                new IndexModel(
                    new Document(Codec.IDEMPOTENCY_KEY, 1),
                    new IndexOptions().unique(true).sparse(true).name("idempotency")),
                // A chat's revised messages by change number (catching up); only revised ones.
                new IndexModel(
                    new Document(Codec.CHAT_ID, 1).append(Codec.CHANGE, 1),
                    new IndexOptions()
                        .name("chatId_change")
                        .partialFilterExpression(
                            new Document(Codec.CHANGE, new Document("$gt", 0L)))),
                // A chat's pinned messages, latest pin first; only pinned ones.
                new IndexModel(
                    new Document(Codec.CHAT_ID, 1)
                        .append(Codec.PIN + '.' + Codec.PIN_AT, -1)
                        .append(Codec.SEQ, -1),
                    new IndexOptions()
                        .name("chatId_pinAt_seq")
                        .partialFilterExpression(
                            new Document(Codec.PIN, new Document("$exists", true))))));
    indexes.addAll(MongoMessageSearch.indexes());
    return indexes;
  }

  public ChatRepository chats() {
    return chats;
  }

  /** The groups' members, in the same database as the chats whose list reads them. */
  public MembershipRepository memberships() {
    return memberships;
  }

  public MessageRepository messages() {
    return messages;
  }

  /** Each user's own reactions, one document per message and user. */
  public ReactionRepository reactions() {
    return reactions;
  }

  public BlockList blocks() {
    return blocks;
  }

  public MuteSettings mutes() {
    return mutes;
  }

  public UserDirectory users() {
    return users;
  }

  public PushTokens pushTokens() {
    return pushTokens;
  }

  public StoreHealth health() {
    return health;
  }

  public IdGenerator ids() {
    return ids;
  }

  MongoDatabase database() {
    return database;
  }

  /** Closes the client if this store opened it. */
  @Override
  public void close() {
    ownClient.ifPresent(MongoClient::close);
  }
}
