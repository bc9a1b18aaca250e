package io.chat.bootstrap;

import io.chat.adapter.mongo.DataDirectoryInUseException;
import io.chat.adapter.mongo.MongoStore;
import io.chat.adapter.sqlite.DirectoryLock;
import io.chat.adapter.sqlite.NativeLibraryCache;
import io.chat.adapter.sqlite.SqliteStore;
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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The store the server runs on, whichever it is: MongoDB when {@code --mongo-uri} is given, else
 * the embedded SQLite file in the data directory (into which the data of a release that kept an
 * embedded MongoDB-compatible store is moved first, once: {@link EmbeddedStoreMove}).
 */
record Storage(
    String description,
    ChatRepository chats,
    MembershipRepository memberships,
    MessageRepository messages,
    ReactionRepository reactions,
    BlockList blocks,
    MuteSettings mutes,
    UserDirectory users,
    PushTokens pushTokens,
    IdGenerator ids,
    StoreHealth health,
    Duration timeout,
    AutoCloseable closer)
    implements AutoCloseable {

  /** How long an operation on the embedded store may take before it counts as failed. */
  static final Duration EMBEDDED_TIMEOUT = Duration.ofSeconds(5);

  static Storage open(ServerConfig config) {
    if (config.mongoUri().isPresent()) {
      MongoStore store =
          MongoStore.connect(
              config.mongoUri().get(), config.mongoDatabase(), MongoStore.DEFAULT_TIMEOUT);
      try {
        store.createIndexes().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        store.close();
        throw new IllegalStateException("the store is not ready: " + e, e);
      }
      return new Storage(
          "MongoDB (database " + config.mongoDatabase() + ")",
          store.chats(),
          store.memberships(),
          store.messages(),
          store.reactions(),
          store.blocks(),
          store.mutes(),
          store.users(),
          store.pushTokens(),
          store.ids(),
          store.health(),
          MongoStore.DEFAULT_TIMEOUT,
          store);
    }
    DirectoryLock lock;
    try {
      lock = DirectoryLock.take(config.dataDir());
    } catch (DirectoryLock.InUseException e) {
      throw StartupProblem.dataDirectoryInUse(config.dataDir());
    }
    SqliteStore store;
    try {
      EmbeddedStoreMove.ifNeeded(config.dataDir());
      NativeLibraryCache.use(userCache());
      store = SqliteStore.open(config.dataDir(), lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e instanceof DataDirectoryInUseException
          ? StartupProblem.dataDirectoryInUse(config.dataDir())
          : e;
    }
    return new Storage(
        "embedded, in " + config.dataDir().toAbsolutePath().resolve(SqliteStore.FILE_NAME),
        store.chats(),
        store.memberships(),
        store.messages(),
        store.reactions(),
        store.blocks(),
        store.mutes(),
        store.users(),
        store.pushTokens(),
        store.ids(),
        store.health(),
        EMBEDDED_TIMEOUT,
        store);
  }

  /**
   * The user's cache directory for this server ({@code $XDG_CACHE_HOME/chat-server}, else {@code
   * ~/.cache/chat-server}), where the SQLite driver's native library is kept between starts.
   */
  static Path userCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("chat-server");
  }

  /**
   * The store's own meters: for the embedded store, its commits and the writes they held ({@code
   * chat_store_commits_total}, {@code chat_store_committed_writes_total}: their ratio is how many
   * writes a commit serves).
   */
  void bindMeters(MeterRegistry registry) {
    if (closer instanceof SqliteStore sqlite) {
      FunctionCounter.builder("chat_store_commits", sqlite, SqliteStore::commits)
          .description("Write transactions the embedded store committed (one fsync each)")
          .register(registry);
      FunctionCounter.builder("chat_store_committed_writes", sqlite, SqliteStore::committedWrites)
          .description("Writes those transactions held (group commit)")
          .register(registry);
    }
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the store failed", e);
    }
  }
}
