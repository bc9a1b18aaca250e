package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.StallingProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on a store that stops answering without going away (connections open, nothing comes
 * back, as with a store process paused by SIGSTOP): every path answers {@code 503 UNAVAILABLE} with
 * {@code Retry-After}, sockets get the same code in their acks, operations fail at once once the
 * server knows, and the server recovers by itself when the store answers again. Nothing refused is
 * stored; a retry with the same client id stores the message once.
 */
class SickStoreIT {
  @TempDir Path dataDir;

  @Test
  void aHangingStoreIs503EverywhereFailsFastAndTheServerRecoversByItself() throws Exception {
    try (EmbeddedMongo store = EmbeddedMongo.inMemory();
        StallingProxy proxy = new StallingProxy(store.port());
        ServerProcess server =
            ServerProcess.start(
                Map.of(),
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--mongo-uri",
                proxy.connectionString())) {
      Rest alice = new Rest(server.base(), ServerProcess.token(dataDir, "alice"));
      String bobToken = ServerProcess.token(dataDir, "bob");
      alice.expect(201, "POST", "/api/v1/chat/bob/messages", Map.of("text", "before"));
      try (StandaloneServerIT.SocketIo bob =
          StandaloneServerIT.SocketIo.connect(server.port(), bobToken)) {
        proxy.stall();

        // The first operation waits for the store's timeout, then fails as unavailable.
        Rest.Reply first =
            alice.post(
                "/api/v1/chat/bob/messages", Map.of("text", "during", "clientMessageId", "c-1"));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(503);
        assertThat(first.code()).isEqualTo("UNAVAILABLE");
        assertThat(first.header("Retry-After")).contains("1");

        // From then on every operation fails at once, instead of each waiting for the timeout
        // (5 s each: the 20 below would take 100 s).
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
          Rest.Reply r = i % 2 == 0 ? alice.get("/api/v1/chat") : alice.get("/ready");
          assertThat(r.status()).isEqualTo(503);
          assertThat(r.code()).isEqualTo("UNAVAILABLE");
          assertThat(r.header("Retry-After")).contains("1");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofSeconds(10));
        JsonNode ack =
            bob.emitWithAck(
                "sendMessage", new JSONObject(Map.of("to", "alice", "text", "over the socket")));
        assertThat(ack.path("ok").asBoolean(true)).isFalse();
        assertThat(ack.path("error").path("code").asText()).isEqualTo("UNAVAILABLE");

        proxy.resume();
        Rest.Reply ready = alice.get("/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ready.status() != 200 && System.nanoTime() < deadline) {
          Thread.sleep(100); // the server probes the store once a second: what is under test
          ready = alice.get("/ready");
        }
        assertThat(ready.status()).isEqualTo(200);

        // The refused send, retried with its client id, is stored once; nothing else was. (The
        // paused store may still carry out what it held once it resumes: then the retry finds it.)
        Rest.Reply retry =
            alice.post(
                "/api/v1/chat/bob/messages", Map.of("text", "during", "clientMessageId", "c-1"));
        assertThat(retry.status()).as(retry.body().toString()).isIn(200, 201);
        alice.expect(
            200,
            "POST",
            "/api/v1/chat/bob/messages",
            Map.of("text", "during", "clientMessageId", "c-1"));
        JsonNode history = alice.expect(200, "GET", "/api/v1/chat/bob/messages?limit=50", null);
        assertThat(history.path("messages").findValuesAsText("text"))
            .containsExactly("before", "during");
      }
      assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
      assertThat(server.output())
          .containsOnlyOnce("The store does not answer: operations fail at once")
          .contains("The store answers again")
          .doesNotContain("during")
          .doesNotContain("over the socket");
    }
  }
}
