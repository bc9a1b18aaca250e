package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Storage;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that dribble their request a byte at a time, which no idle timeout ends, lose their
 * connection at the headers' deadline (first request or a later one on the same connection) or the
 * body's; a client that sends its request at once and then waits keeps its connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {
  private static final Duration DEADLINE = Duration.ofMillis(600);

  /** Far past the deadline: a dribbling client still connected by then was not cut off. */
  private static final Duration GIVE_UP = Duration.ofSeconds(15);

  private final TestServer server =
      new TestServer(
          Storage.inMemory(new InMemoryStoreHealth()),
          u -> u,
          1000,
          config ->
              config.withClientDeadlines(new HttpApiConfig.ClientDeadlines(DEADLINE, DEADLINE)));

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void headersDribbledAByteAtATimeLoseTheConnectionAtTheDeadline() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(dribbleUntilClosed(socket, "X-Slow: a\r\n")).as("cut off").isTrue();
    }
    assertThat(server.get("/health", null).status()).isEqualTo(200);
  }

  @Test
  void aLaterRequestsHeadersDribbledOnAKeptAliveConnectionLoseItToo() throws Exception {
    try (Socket socket = connect()) {
      socket
          .getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200");
      socket
          .getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(dribbleUntilClosed(socket, "X-Slow: a\r\n")).as("cut off").isTrue();
    }
  }

  @Test
  void aBodyDribbledAByteAtATimeLosesTheConnectionAndStoresNothing() throws Exception {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    try (Socket socket = connect()) {
      String body = "{\"text\":\"" + "x".repeat(200) + "\"}";
      socket
          .getOutputStream()
          .write(
              ("POST "
                      + chat(bob)
                      + "/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + alice.token()
                      + "\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length()
                      + "\r\n\r\n{\"text\":\"")
                  .getBytes(StandardCharsets.US_ASCII));

      assertThat(dribbleUntilClosed(socket, "x")).as("cut off").isTrue();
    }
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).isEmpty();
  }

  @Test
  void aConnectionThatSentItsRequestAtOnceStaysOpenPastTheDeadline() throws Exception {
    try (Socket socket = connect()) {
      String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200");

      Thread.sleep(DEADLINE.multipliedBy(2).toMillis()); // idle between requests, as keep-alive is
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.app.port());
    socket.setSoTimeout(200);
    return socket;
  }

  /**
   * Sends {@code chunk} a byte every 100 ms until the server closes the connection (true) or {@link
   * #GIVE_UP} passes (false).
   */
  private static boolean dribbleUntilClosed(Socket socket, String chunk) throws Exception {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    long giveUp = System.nanoTime() + GIVE_UP.toNanos();
    int i = 0;
    while (System.nanoTime() < giveUp) {
      try {
        out.write(chunk.charAt(i++ % chunk.length()));
        out.flush();
      } catch (IOException closed) {
        return true;
      }
      try {
        if (in.read(new byte[1024]) < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // nothing from the server within 200 ms: go on dribbling
      } catch (IOException reset) {
        return true;
      }
      Thread.sleep(100); // the pace of a dribbling client: the behaviour under test
    }
    return false;
  }

  private static String readAnswer(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    byte[] buffer = new byte[4096];
    int n = socket.getInputStream().read(buffer);
    socket.setSoTimeout(200);
    return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
  }
}
