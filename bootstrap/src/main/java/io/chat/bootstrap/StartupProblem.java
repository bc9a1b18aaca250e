package io.chat.bootstrap;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A reason the server cannot start that its operator can fix (the port is taken, another server
 * holds the data directory): said in one sentence, exit status 2, no stack trace.
 */
final class StartupProblem extends RuntimeException {
  StartupProblem(String message) {
    super(message, null, false, false);
  }

  /**
   * Refuses a port that another process listens on, before anything (the data directory) is made.
   */
  static void checkPort(ServerConfig config) {
    if (config.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as Jetty does: a closed socket's TIME_WAIT does not count
      probe.bind(new InetSocketAddress(config.host(), config.port()));
    } catch (BindException e) {
      throw portTaken(config);
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      throw new StartupProblem(
          "cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage() + ")");
    }
  }

  static StartupProblem portTaken(ServerConfig config) {
    return new StartupProblem(
        "port "
            + config.port()
            + " is taken: stop the other process or use --port (0 picks a free one)");
  }

  static StartupProblem twoStores(Path dataDir) {
    return new StartupProblem(
        dataDir
            + " holds both chat.db and chat-store.mv.db, and the second is not the file this"
            + " release moved into the first (an earlier release started on this directory since?):"
            + " rename chat-store.mv.db away if it holds nothing you need, and start again");
  }

  static StartupProblem dataDirectoryInUse(Path dataDir) {
    return new StartupProblem(
        "another server is using " + dataDir + ": stop it, or give this one its own --data-dir");
  }
}
