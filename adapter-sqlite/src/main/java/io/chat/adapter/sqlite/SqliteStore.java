package io.chat.adapter.sqlite;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.sqlite.SQLiteConfig;

/**
 * The storage ports on an embedded SQLite file ({@code <dir>/chat.db}, WAL, fsync on every commit).
 * Writes go to one writer thread that commits what is queued together (group commit); reads go to a
 * few reader threads with connections of their own. No caller's thread ever touches the disk.
 */
public final class SqliteStore implements AutoCloseable {
  /** The database file in the data directory. */
  public static final String FILE_NAME = "chat.db";

  static final int BUSY_TIMEOUT_MILLIS = 5_000;
  static final int DEFAULT_READERS = 3;

  /** How often the log is copied into the file beside the writer (see {@link Checkpointer}). */
  static final long CHECKPOINT_EVERY_MILLIS = 500;

  private final Path file;
  private final DirectoryLock lock;
  private final Writer writer;
  private final Readers readers;
  private final Checkpointer checkpointer;
  private final SqliteUserDirectory users;
  private final SqliteBlockList blocks;
  private final SqliteMuteSettings mutes;
  private final SqlitePushTokens pushTokens;
  private final SqliteStoreHealth health;
  private final SqliteChatRepository chats;
  private final SqliteMembershipRepository memberships;
  private final SqliteMessageRepository messages;
  private final SqliteReactionRepository reactions;
  private final SqliteIds ids = new SqliteIds();

  private SqliteStore(
      Path file, DirectoryLock lock, Writer writer, Readers readers, Checkpointer checkpointer) {
    this.file = file;
    this.lock = lock;
    this.writer = writer;
    this.readers = readers;
    this.checkpointer = checkpointer;
    this.users = new SqliteUserDirectory(this);
    this.blocks = new SqliteBlockList(this);
    this.mutes = new SqliteMuteSettings(this);
    this.pushTokens = new SqlitePushTokens(this);
    this.health = new SqliteStoreHealth(this);
    this.chats = new SqliteChatRepository(this);
    this.memberships = new SqliteMembershipRepository(this);
    this.messages = new SqliteMessageRepository(this);
    this.reactions = new SqliteReactionRepository(this);
  }

  /**
   * Opens (creating if needed) the store in {@code directory}, holding its lock, and brings its
   * schema up to date. It blocks while it does: call it at start-up, not on a request thread.
   *
   * @throws DirectoryLock.InUseException when another process (or store) uses the directory
   */
  public static SqliteStore open(Path directory) {
    return open(directory, DirectoryLock.take(directory));
  }

  /** As {@link #open(Path)}, with the directory's lock already taken: the store releases it. */
  public static SqliteStore open(Path directory, DirectoryLock lock) {
    return open(directory, lock, DEFAULT_READERS);
  }

  static SqliteStore open(Path directory, DirectoryLock lock, int readerCount) {
    Path file = directory.resolve(FILE_NAME);
    List<Session> opened = new ArrayList<>();
    try {
      Session writing = new Session(connect(file, false));
      opened.add(writing);
      Schema.migrate(writing);
      writing.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_CHECKPOINT_PAGES);
      List<Session> reading = new ArrayList<>();
      for (int i = 0; i < readerCount; i++) {
        Session reader = new Session(connect(file, true));
        opened.add(reader);
        reading.add(reader);
      }
      String name = "sqlite-" + directory.getFileName();
      Session checkpointing = new Session(connect(file, false));
      opened.add(checkpointing);
      return new SqliteStore(
          file,
          lock,
          new Writer(writing, name),
          new Readers(reading, name),
          new Checkpointer(checkpointing.connection(), name, CHECKPOINT_EVERY_MILLIS));
    } catch (SQLException | RuntimeException e) {
      closeAll(opened);
      lock.close();
      throw new IllegalStateException("Cannot open the store " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: every commit is fsynced (in WAL mode NORMAL would lose the last commits on power loss).
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    // Deleted content (the text of a message deleted for everyone) is overwritten, not left in
    // free pages of the file.
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // Nothing here asks for generated keys (inserts answer with RETURNING); left on, the driver
    // prepares and runs a "SELECT last_insert_rowid()" after every INSERT run as an update (a
    // send's FTS5 row: half of that statement's cost).
    config.setGetGeneratedKeys(false);
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    if (readOnly) {
      // A reader that tried to write would be a bug: make it fail rather than take the write lock.
      try (var statement = connection.createStatement()) {
        statement.execute("PRAGMA query_only = true");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  private static void closeAll(List<Session> sessions) {
    for (Session session : sessions) {
      try {
        session.close();
      } catch (SQLException ignored) {
        // Opening failed already; that failure is the one reported.
      }
    }
  }

  public UserDirectory users() {
    return users;
  }

  public BlockList blocks() {
    return blocks;
  }

  public MuteSettings mutes() {
    return mutes;
  }

  public PushTokens pushTokens() {
    return pushTokens;
  }

  public StoreHealth health() {
    return health;
  }

  public ChatRepository chats() {
    return chats;
  }

  public MembershipRepository memberships() {
    return memberships;
  }

  public MessageRepository messages() {
    return messages;
  }

  public ReactionRepository reactions() {
    return reactions;
  }

  /** Ids for new chats and messages. */
  public IdGenerator ids() {
    return ids;
  }

  Path file() {
    return file;
  }

  /** How many write transactions were committed since the store was opened. */
  public long commits() {
    return writer.commits();
  }

  /**
   * How many writes those transactions held: with {@link #commits}, how many writes a commit serves
   * (group commit), for a deployment's metrics.
   */
  public long committedWrites() {
    return writer.committedWrites();
  }

  /** How many write transactions started under the commit spacing ({@link Writer}). */
  long spacedBatches() {
    return writer.spacedBatches();
  }

  <T> CompletionStage<T> write(SqlWork<T> work) {
    return writer.submit(work);
  }

  <T> CompletionStage<T> read(SqlWork<T> work) {
    return readers.submit(work);
  }

  /** Finishes the write transaction under way, fails what is still queued, closes the file. */
  @Override
  public void close() {
    try {
      writer.close();
      checkpointer.close();
      readers.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      throw new IllegalStateException("Closing the store failed", e);
    } finally {
      lock.close();
    }
  }
}
