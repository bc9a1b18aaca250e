package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.redis.RedisServer;
import io.chat.bootstrap.StandaloneServerIT.SocketIo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three servers as three processes on one MongoDB (the embedded test double, over TCP) and one
 * Redis (a real redis-server): what a user sees does not depend on the node their devices or their
 * partner's requests reach. Each test uses users of its own on the same three nodes.
 */
class SeveralNodesIT {
  @TempDir static Path dataDirs;
  private static EmbeddedMongo mongo;
  private static RedisServer redis;
  private static SharedNodes shared;
  private static final List<ServerProcess> nodes = new ArrayList<>();

  @BeforeAll
  static void startThreeNodes() {
    mongo = EmbeddedMongo.inMemory();
    redis = RedisServer.start();
    shared = new SharedNodes(mongo, redis);
    for (int i = 0; i < 3; i++) {
      nodes.add(node(i));
    }
  }

  @AfterAll
  static void stopEverything() {
    nodes.forEach(ServerProcess::close);
    if (redis != null) {
      redis.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  static ServerProcess node(int i) {
    return shared.start(dataDirs.resolve("node-" + i));
  }

  @Test
  void aUsersDevicesOnDifferentNodesGetEveryMessageOnceInSeqOrderWhicheverNodeTookTheSend()
      throws Exception {
    String alice = user("order-alice");
    String bob = user("order-bob");
    try (SocketIo aliceOnFirst = SocketIo.connect(nodes.get(0).port(), alice);
        SocketIo aliceOnSecond = SocketIo.connect(nodes.get(1).port(), alice);
        SocketIo bobOnThird = SocketIo.connect(nodes.get(2).port(), bob)) {
      int sends = 30;
      for (int i = 0; i < sends; i++) {
        rest(i % 3, bob)
            .expect(
                201,
                "POST",
                "/api/v1/chat/order-alice/messages",
                Map.of("text", "m" + i, "clientMessageId", "order-" + i));
      }

      for (SocketIo device : List.of(aliceOnFirst, aliceOnSecond)) {
        for (int seq = 1; seq <= sends; seq++) {
          long expected = seq;
          JsonNode event = device.await("message:new", d -> true);
          assertThat(event.path("message").path("seq").asLong()).isEqualTo(expected);
          assertThat(event.path("message").path("text").asText()).isEqualTo("m" + (seq - 1));
        }
      }
      for (int seq = 1; seq <= sends; seq++) {
        long expected = seq;
        assertThat(bobOnThird.await("message:sent", d -> true).path("message").path("seq").asLong())
            .isEqualTo(expected);
      }
      // Nothing more comes: each node delivered each message once.
      rest(0, alice).expect(201, "POST", "/api/v1/chat/order-bob/messages", Map.of("text", "end"));
      for (SocketIo device : List.of(aliceOnFirst, aliceOnSecond)) {
        JsonNode next = device.await("message:sent", d -> true);
        assertThat(next.path("message").path("seq").asLong()).isEqualTo(sends + 1);
        assertThat(device.skippedNamed("message:new")).isEmpty();
      }
    }
  }

  @Test
  void sendsIntoOneChatThroughThreeNodesAtOnceGetOneGaplessOrderAndRetriesStoreOnce()
      throws Exception {
    String alice = user("race-alice");
    user("race-bob");
    int each = 20;
    ExecutorService senders = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Long>>> seqs = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        int node = n;
        Callable<List<Long>> sending =
            () -> {
              List<Long> mine = new ArrayList<>();
              for (int i = 0; i < each; i++) {
                Map<String, String> body =
                    Map.of("text", node + "/" + i, "clientMessageId", "race-" + node + "-" + i);
                JsonNode first =
                    rest(node, alice).expect(201, "POST", "/api/v1/chat/race-bob/messages", body);
                // The same send again, through the next node: the message already stored.
                JsonNode retry =
                    rest((node + 1) % 3, alice)
                        .expect(200, "POST", "/api/v1/chat/race-bob/messages", body);
                assertThat(retry.path("message").path("_id").asText())
                    .isEqualTo(first.path("message").path("_id").asText());
                mine.add(first.path("message").path("seq").asLong());
              }
              return mine;
            };
        seqs.add(senders.submit(sending));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> node : seqs) {
        List<Long> mine = node.get();
        assertThat(mine).as("each node's sends in the order it made them").isSorted();
        all.addAll(mine);
      }
      assertThat(all).hasSize(3 * each);
    } finally {
      senders.shutdownNow();
    }

    String bob = token("race-bob");
    JsonNode page =
        rest(1, bob).expect(200, "GET", "/api/v1/chat/race-alice/messages?limit=100", null);
    List<Long> stored = new ArrayList<>();
    page.path("messages").forEach(m -> stored.add(m.path("seq").asLong()));
    assertThat(stored).hasSize(3 * each);
    assertThat(stored.stream().sorted().toList())
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 3L * each).boxed().toList());
    JsonNode chats = rest(2, bob).expect(200, "GET", "/api/v1/chat", null).path("chats");
    assertThat(chats.get(0).path("unreadCount").asLong())
        .as("counted once per message, retries through other nodes or not")
        .isEqualTo(3L * each);
  }

  @Test
  void aUserIsOnlineFromTheFirstDeviceAnywhereToTheLastOneAnywhereToldOnceEachWay()
      throws Exception {
    String alice = user("presence-alice");
    String bob = user("presence-bob");
    rest(0, alice).expect(201, "POST", "/api/v1/chat/presence-bob/messages", Map.of("text", "hi"));
    try (SocketIo bobOnThird = SocketIo.connect(nodes.get(2).port(), bob)) {
      SocketIo aliceOnFirst = SocketIo.connect(nodes.get(0).port(), alice);
      bobOnThird.await("user:online", d -> d.path("userId").asText().equals("presence-alice"));
      SocketIo aliceOnSecond = SocketIo.connect(nodes.get(1).port(), alice);
      aliceOnFirst.close();
      // A marker through yet another node: whatever presence said before it has arrived.
      rest(1, alice).expect(201, "POST", "/api/v1/chat/presence-bob/messages", Map.of("text", "x"));
      bobOnThird.await("message:new", d -> true);
      assertThat(bobOnThird.skippedNamed("user:online")).isEmpty();
      assertThat(bobOnThird.skippedNamed("user:offline")).isEmpty();

      aliceOnSecond.close();
      bobOnThird.await("user:offline", d -> d.path("userId").asText().equals("presence-alice"));
      rest(0, alice).expect(201, "POST", "/api/v1/chat/presence-bob/messages", Map.of("text", "y"));
      bobOnThird.await("message:new", d -> true);
      assertThat(bobOnThird.skippedNamed("user:offline")).isEmpty();
    }
  }

  @Test
  void aBlockThroughOneNodeStopsTheVeryNextSendThroughAnother() throws Exception {
    String alice = user("block-alice");
    String bob = user("block-bob");
    rest(0, bob).expect(201, "POST", "/api/v1/chat/block-alice/messages", Map.of("text", "hi"));
    // Node 2 has just looked at the pair (a cache would remember "not blocked").
    rest(2, bob).expect(201, "POST", "/api/v1/chat/block-alice/messages", Map.of("text", "again"));

    rest(1, alice).expect(200, "POST", "/api/v1/users/block-bob/block", Map.of());

    Rest.Reply refused =
        rest(2, bob).post("/api/v1/chat/block-alice/messages", Map.of("text", "still?"));
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("BLOCKED");
  }

  @Test
  void theUsersOfANodeKilledWithSigkillAreToldOfflineWithinFifteenSecondsOnce() throws Exception {
    String alice = user("killed-alice");
    String bob = user("killed-bob");
    rest(0, alice).expect(201, "POST", "/api/v1/chat/killed-bob/messages", Map.of("text", "hi"));
    ServerProcess doomed = node(3);
    try (SocketIo bobOnFirst = SocketIo.connect(nodes.get(0).port(), bob)) {
      SocketIo aliceOnDoomed = SocketIo.connect(doomed.port(), alice);
      bobOnFirst.await("user:online", d -> d.path("userId").asText().equals("killed-alice"));

      long killed = System.nanoTime();
      doomed.process().destroyForcibly().waitFor();
      bobOnFirst.await("user:offline", d -> d.path("userId").asText().equals("killed-alice"));
      assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));

      rest(1, alice).expect(201, "POST", "/api/v1/chat/killed-bob/messages", Map.of("text", "x"));
      bobOnFirst.await("message:new", d -> true);
      assertThat(bobOnFirst.skippedNamed("user:offline")).as("told once").isEmpty();
      assertThat(
              rest(2, bob)
                  .expect(200, "GET", "/api/v1/chat/killed-alice", null)
                  .path("otherUserOnline")
                  .asBoolean(true))
          .isFalse();
      aliceOnDoomed.close();
    } finally {
      doomed.close();
    }
  }

  @Test
  void aGroupMessageReachesMembersOnEveryNodeAsTwoEntriesOnTheBusWhateverTheGroupsSize()
      throws Exception {
    String owner = user("group-owner");
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      user("group-member-" + i);
      members.add("group-member-" + i);
    }
    JsonNode group =
        rest(0, owner)
            .expect(
                201, "POST", "/api/v1/chats/groups", Map.of("name", "Everyone", "members", members))
            .path("chat");
    String chatId = group.path("_id").asText();
    try (SocketIo ownerOnFirst = SocketIo.connect(nodes.get(0).port(), owner);
        SocketIo memberOnSecond = SocketIo.connect(nodes.get(1).port(), token("group-member-0"));
        SocketIo memberOnThird = SocketIo.connect(nodes.get(2).port(), token("group-member-1"))) {
      long before = published(1);

      JsonNode sent =
          rest(1, owner)
              .expect(
                  201, "POST", "/api/v1/chats/" + chatId + "/messages", Map.of("text", "hello all"))
              .path("message");

      for (SocketIo member : List.of(memberOnSecond, memberOnThird)) {
        JsonNode fresh = member.await("message:new", d -> d.path("chatId").asText().equals(chatId));
        assertThat(fresh.path("message").path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
      }
      ownerOnFirst.await("message:sent", d -> d.path("chatId").asText().equals(chatId));
      assertThat(published(1) - before)
          .as("the sender's entry and one for the other 11 members")
          .isEqualTo(2);
    }
  }

  @Test
  void aCallBetweenDevicesOnDifferentNodesRingsConnectsRelaysAndEndsOnBothSides() throws Exception {
    String alice = user("call-alice");
    String bob = user("call-bob");
    try (SocketIo aliceOnFirst = SocketIo.connect(nodes.get(0).port(), alice);
        SocketIo bobOnSecond = SocketIo.connect(nodes.get(1).port(), bob);
        SocketIo bobOnThird = SocketIo.connect(nodes.get(2).port(), bob)) {
      JsonNode invited =
          aliceOnFirst.emitWithAck(
              "call:invite", new JSONObject(Map.of("to", "call-bob", "callType", "audio")));
      assertThat(invited.path("ok").asBoolean()).as(invited.toString()).isTrue();
      String callId = invited.path("call").path("callId").asText();
      for (SocketIo device : List.of(bobOnSecond, bobOnThird)) {
        assertThat(device.await("call:invite", d -> true).path("callId").asText())
            .isEqualTo(callId);
      }

      JsonNode accepted =
          bobOnThird.emitWithAck("call:accept", new JSONObject(Map.of("callId", callId)));
      assertThat(accepted.path("call").path("state").asText())
          .as(accepted.toString())
          .isEqualTo("accepted");
      assertThat(aliceOnFirst.await("call:accept", d -> true).path("from").asText())
          .isEqualTo("call-bob");
      bobOnSecond.await("call:answered-elsewhere", d -> d.path("callId").asText().equals(callId));

      JSONObject offer =
          new JSONObject()
              .put("callId", callId)
              .put("offer", new JSONObject().put("type", "offer").put("sdp", "v=0 offer"));
      assertThat(aliceOnFirst.emitWithAck("call:offer", offer).path("ok").asBoolean()).isTrue();
      assertThat(bobOnThird.await("call:offer", d -> true).path("offer").path("sdp").asText())
          .isEqualTo("v=0 offer");

      assertThat(
              bobOnThird
                  .emitWithAck("call:end", new JSONObject(Map.of("callId", callId)))
                  .path("ok")
                  .asBoolean())
          .isTrue();
      for (SocketIo device : List.of(aliceOnFirst, bobOnSecond, bobOnThird)) {
        JsonNode ended = device.await("call:end", d -> d.path("callId").asText().equals(callId));
        assertThat(ended.path("outcome").asText()).isEqualTo("completed");
      }
      assertThat(bobOnSecond.skippedNamed("call:offer"))
          .as("only the device in the call")
          .isEmpty();
    }
  }

  @Test
  void aCallWithASideOnANodeKilledWithSigkillEndsAsFailedWithinTheGracePeriod() throws Exception {
    String alice = user("deadcall-alice");
    String bob = user("deadcall-bob");
    rest(0, alice).expect(201, "POST", "/api/v1/chat/deadcall-bob/messages", Map.of("text", "hi"));
    ServerProcess doomed = node(4);
    SocketIo aliceOnDoomed = null;
    try (SocketIo bobOnFirst = SocketIo.connect(nodes.get(0).port(), bob)) {
      aliceOnDoomed = SocketIo.connect(doomed.port(), alice);
      bobOnFirst.await("user:online", d -> d.path("userId").asText().equals("deadcall-alice"));
      JsonNode invited =
          aliceOnDoomed.emitWithAck(
              "call:invite", new JSONObject(Map.of("to", "deadcall-bob", "callType", "audio")));
      assertThat(invited.path("ok").asBoolean()).as(invited.toString()).isTrue();
      String callId = invited.path("call").path("callId").asText();
      bobOnFirst.await("call:invite", d -> d.path("callId").asText().equals(callId));
      JsonNode accepted =
          bobOnFirst.emitWithAck("call:accept", new JSONObject(Map.of("callId", callId)));
      assertThat(accepted.path("call").path("state").asText())
          .as(accepted.toString())
          .isEqualTo("accepted");
      aliceOnDoomed.await("call:accept", d -> d.path("callId").asText().equals(callId));

      long killed = System.nanoTime();
      doomed.process().destroyForcibly().waitFor();
      // The sweep that finds the node dead tells her offline and starts her side's grace.
      bobOnFirst.await("user:offline", d -> d.path("userId").asText().equals("deadcall-alice"));
      JsonNode ended = bobOnFirst.await("call:end", d -> d.path("callId").asText().equals(callId));
      assertThat(ended.path("outcome").asText()).isEqualTo("failed");
      assertThat(Duration.ofNanos(System.nanoTime() - killed))
          .as("a lease, a sweep and the grace (10 s each at most)")
          .isLessThan(Duration.ofSeconds(40));

      JsonNode logged =
          bobOnFirst.await(
              "message:new", d -> d.path("message").path("kind").asText().equals("call"));
      assertThat(logged.path("message").path("call").path("callId").asText()).isEqualTo(callId);
      JsonNode history =
          rest(1, bob).expect(200, "GET", "/api/v1/chat/deadcall-alice/messages", null);
      List<JsonNode> calls = new ArrayList<>();
      history.path("messages").forEach(m -> calls.add(m));
      calls.removeIf(m -> !m.path("kind").asText().equals("call"));
      assertThat(calls).hasSize(1);
      JsonNode call = calls.get(0).path("call");
      assertThat(call.path("callId").asText()).isEqualTo(callId);
      assertThat(call.path("outcome").asText()).isEqualTo("failed");
      assertThat(call.path("caller").asText()).isEqualTo("deadcall-alice");
      assertThat(call.path("callee").asText()).isEqualTo("deadcall-bob");
    } finally {
      if (aliceOnDoomed != null) {
        aliceOnDoomed.close();
      }
      doomed.close();
    }
  }

  @Test
  void theSendLimitIsOneBucketForEveryNode() {
    // A node of its own with a small burst, beside one of the three (same Redis, same users).
    ServerProcess strict = null;
    ServerProcess strictToo = null;
    try {
      strict = limitedNode("strict-1");
      strictToo = limitedNode("strict-2");
      String alice = user("limit-alice");
      user("limit-bob");
      int accepted = 0;
      for (int i = 0; i < 12; i++) {
        Rest.Reply r =
            new Rest((i % 2 == 0 ? strict : strictToo).base(), alice)
                .post("/api/v1/chat/limit-bob/messages", Map.of("text", "n" + i));
        if (r.status() == 201) {
          accepted++;
        } else {
          assertThat(r.status()).as(r.body().toString()).isEqualTo(429);
        }
      }
      assertThat(accepted).as("the burst of 5, shared, not 5 per node").isEqualTo(5);
    } finally {
      Optional.ofNullable(strict).ifPresent(ServerProcess::close);
      Optional.ofNullable(strictToo).ifPresent(ServerProcess::close);
    }
  }

  private static ServerProcess limitedNode(String name) {
    return shared.start(dataDirs.resolve(name), 5, 0.01);
  }

  /** How many entries {@code node} has put on the bus so far, from its metrics. */
  private static long published(int node) throws Exception {
    java.net.http.HttpResponse<String> metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(nodes.get(node).base() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return metrics
        .body()
        .lines()
        .filter(line -> line.startsWith("chat_bus_published_total "))
        .mapToLong(line -> (long) Double.parseDouble(line.split(" ")[1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no chat_bus_published_total in the metrics"));
  }

  /** A token for {@code id}, who exists once any node has seen it. */
  private static String user(String id) {
    String token = token(id);
    rest(0, token).expect(200, "GET", "/api/v1/chat", null);
    return token;
  }

  private static String token(String id) {
    return shared.token(id);
  }

  private static Rest rest(int node, String token) {
    return new Rest(nodes.get(node).base(), token);
  }
}
