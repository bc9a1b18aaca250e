package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fifty polling and fifty WebSocket clients of Socket.IO all send at once: every message reaches
 * each participant exactly once and in its chat's order, and nothing deadlocks (the test fails on
 * its timeouts, it never hangs).
 */
class FloodTest {
  private static final int CLIENTS = 100;
  private static final int SENDS_EACH = 10;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void concurrentSendersOverBothTransportsDeliverEveryMessageOnceInOrder() throws Exception {
    try (TestServer server = new TestServer()) {
      List<SioClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < CLIENTS; i++) {
          SioClient.Transport transport =
              i % 2 == 0 ? SioClient.Transport.POLLING : SioClient.Transport.WEBSOCKET;
          clients.add(SioClient.connect(server.port(), server.token(user(i)), transport, false));
        }

        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int round = 0; round < SENDS_EACH; round++) {
          for (int i = 0; i < CLIENTS; i++) {
            int to = round % 2 == 0 ? i ^ 1 : (i + 51) % CLIENTS;
            acks.add(
                clients
                    .get(i)
                    .emitWithAck(
                        "sendMessage",
                        TestClient.data().put("to", user(to)).put("text", user(i) + "#" + round)));
          }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);

        Map<String, Long> messagesPerChat = new HashMap<>();
        for (CompletableFuture<JsonNode> ack : acks) {
          JsonNode answer = ack.join();
          assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
          messagesPerChat.merge(answer.path("chatId").asText(), 1L, Long::sum);
        }
        assertThat(messagesPerChat.values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo((long) CLIENTS * SENDS_EACH);

        for (SioClient client : clients) {
          client.sync();
          Map<String, List<Long>> seqsPerChat = new HashMap<>();
          for (Received received : client.received()) {
            if (received.event().equals("message:new") || received.event().equals("message:sent")) {
              seqsPerChat
                  .computeIfAbsent(received.data().path("chatId").asText(), c -> new ArrayList<>())
                  .add(received.data().path("message").path("seq").asLong());
            }
          }
          // With its pair partner both ways, to i + 51, and from i - 51.
          assertThat(seqsPerChat).as(client.toString()).hasSize(3);
          seqsPerChat.forEach(
              (chat, seqs) -> {
                long expected = messagesPerChat.get(chat);
                List<Long> inOrder = new ArrayList<>();
                for (long seq = 1; seq <= expected; seq++) {
                  inOrder.add(seq);
                }
                assertThat(seqs).as(client + " in " + chat).isEqualTo(inOrder);
              });
        }
      } finally {
        clients.forEach(SioClient::close);
      }
    }
  }

  private static String user(int i) {
    return String.format("u%02d", i);
  }
}
