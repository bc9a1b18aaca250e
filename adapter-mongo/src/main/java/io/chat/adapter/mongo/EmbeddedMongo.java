package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The embedded MongoDB-wire-compatible store (mongo-java-server) on a loopback port: in memory for
 * tests, or in an H2 file under a data directory for the standalone server. Clients reach it
 * through the ordinary driver and connection string, exactly as they reach a real MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {
  /** The file that holds the store, under the data directory. */
  public static final String FILE_NAME = "chat-store.mv.db";

  /** H2's default page cache (16 MB) is far too small past about 100,000 documents. */
  public static final int DEFAULT_CACHE_MB = 256;

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoBackend backend, int port) {
    this.server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", port);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    this.address = server.getLocalAddress();
  }

  /** A store that lives as long as this object and keeps nothing. */
  public static EmbeddedMongo inMemory() {
    return inMemory(0);
  }

  /** An in-memory store on a given port (0: any free port). */
  static EmbeddedMongo inMemory(int port) {
    return new EmbeddedMongo(new GatedMemoryBackend(), port);
  }

  /**
   * A store kept in {@value #FILE_NAME} under {@code dataDirectory} (created if missing), durable
   * per acknowledged write.
   */
  public static EmbeddedMongo persistent(Path dataDirectory) {
    return persistent(dataDirectory, DEFAULT_CACHE_MB);
  }

  public static EmbeddedMongo persistent(Path dataDirectory, int cacheMegabytes) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
    }
    MVStore store;
    try {
      store =
          new MVStore.Builder()
              .fileName(dataDirectory.resolve(FILE_NAME).toString())
              .cacheSize(cacheMegabytes)
              // Commits happen per write, under the backend's write lock, and nowhere else: a
              // background commit could capture half of a write.
              .autoCommitDisabled()
              .open();
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new DataDirectoryInUseException(dataDirectory, e);
      }
      throw e;
    }
    try {
      H2Format.prepare(store);
      return new EmbeddedMongo(new DurableH2Backend(store), 0);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw e;
    }
  }

  /** Where to connect, e.g. {@code mongodb://127.0.0.1:40123}. */
  public String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  public int port() {
    return address.getPort();
  }

  /** Closes the clients' connections, stops listening and closes the backend (and its file). */
  @Override
  public void close() {
    server.shutdownNow();
  }
}
