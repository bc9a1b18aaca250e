package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written by the previous release, read by this one: the embedded store ({@code
 * chat-store.mv.db}) and the development secret that 0.1.0 (commit 893b30a, before group chats)
 * left in {@code release-0.1-data.zip}.
 *
 * <p>The fixture was made by running that release's jar in development mode on an empty directory
 * and writing through its REST API: 1:1 chats between alice, bob, carol and dave (dave registered
 * by staff with a profile), messages with and without a clientMessageId (one retried), a
 * mark-all-seen and a mark of one message, a clear-for-me, a mute until 2999 and a toggled one, a
 * block, two support chats (one a user opened, answered as the desk, marked read, assigned and
 * waiting on the user; one staff opened with a related entity, resolved), and push tokens (one
 * registered then removed); then SIGTERM. {@code release-0.1-data.json} holds what was written and
 * {@code answers}: every read the release answered over that data, keyed {@code "user GET path"}
 * (those under {@code "after carol unblocks bob: "} were taken with carol's block lifted, then
 * restored).
 *
 * <p>This release must answer every one of those reads with at least what the release answered,
 * field for field and element for element; keep the read marks, mutes, block and push tokens in
 * force; write on top (the next seq, a group); and read the same again after a SIGTERM and a second
 * start, or after being killed while starting.
 */
class PreviousReleaseDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURE = "release-0.1-data.zip";
  private static final String EXPECTATIONS = "release-0.1-data.json";
  private static final String RELEASE_BEFORE = "release-0.2-data";
  private static final String AFTER_UNBLOCK = "after carol unblocks bob: ";
  private static final String DESK = "000000000000000000000001";
  private static final List<String> USERS = List.of("alice", "bob", "carol", "dave");
  private static final Duration STOP = Duration.ofSeconds(30);
  private static final Duration PUSH_WAIT = Duration.ofSeconds(30);

  @TempDir Path work;

  @Test
  void everythingTheReleaseWroteIsReadTakesNewWritesAndSurvivesASecondStart() throws Exception {
    JsonNode expected = expectations();
    Path dataDir = unzipFixture("data");
    Map<String, String> tokens = tokens(dataDir);
    JsonNode chats = expected.path("chats");
    String aliceBob = chats.path("alice-bob").path("_id").asText();
    String aliceCarol = chats.path("alice-carol").path("_id").asText();
    String bobCarol = chats.path("bob-carol").path("_id").asText();
    String aliceDave = chats.path("alice-dave").path("_id").asText();
    String supportCarol = chats.path("support-carol").path("_id").asText();

    Map<String, JsonNode> beforeRestart;
    try (FakeExpo expo = new FakeExpo();
        ServerProcess server = start(dataDir, expo)) {
      Map<String, Rest> as = callers(server, tokens);

      // 1. Every read the release answered, answered again with at least the same.
      assertRecordedAnswers(as, expected.path("answers"), false);

      // 2. The same chats through this release's routes by chat id.
      assertHistoriesById(as, expected, false);
      assertListsById(as, expected);

      // 3. Read marks still in force: marking an earlier message never moves a mark back.
      assertThat(markSeen(as.get("bob"), "alice", message(chats, "alice-bob", 1)))
          .as("bob's mark in alice-bob (he marked seq 2 seen)")
          .isEqualTo(2);
      assertThat(markSeen(as.get("alice"), "bob", message(chats, "alice-bob", 1)))
          .as("alice's mark in alice-bob (mark-all-seen at seq 3)")
          .isEqualTo(3);

      // 4. The block is in force both ways.
      assertThat(as.get("bob").get("/api/v1/chat/carol/messages?limit=50").code())
          .isEqualTo("BLOCKED");
      Rest.Reply refused =
          as.get("bob").post("/api/v1/chat/carol/messages", Map.of("text", "still blocked?"));
      assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("BLOCKED");

      // 5. carol lifts her block: the chat bob and carol had, as the release showed it then.
      as.get("carol").expect(200, "DELETE", "/api/v1/users/bob/block", null);
      assertRecordedAnswers(as, expected.path("answers"), true);
      assertHistoriesById(as, expected, true);
      assertThat(markSeen(as.get("carol"), "bob", message(chats, "bob-carol", 1)))
          .as("carol's mark in bob-carol (mark-all-seen at seq 2)")
          .isEqualTo(2);

      // 6. New writes on top of the old ones, and push tokens and mutes as the release left them.
      JsonNode retried =
          as.get("alice")
              .expect(
                  200,
                  "POST",
                  "/api/v1/chat/bob/messages",
                  Map.of("text", "Lunch today?", "clientMessageId", "a-2"))
              .path("message");
      assertThat(retried.path("_id").asText())
          .as("a retried clientMessageId of the release's finds its message")
          .isEqualTo(message(chats, "alice-bob", 2).path("_id").asText());
      assertThat(retried.path("seq").asLong()).isEqualTo(2);

      assertThat(send(as.get("bob"), "/api/v1/chat/alice/messages", "Back, on the new server"))
          .isEqualTo(6);
      JsonNode toAlice = expo.await(m -> chatOf(m).equals(aliceBob));
      assertThat(toAlice.path("to").asText()).isEqualTo("ExponentPushToken[alice-phone]");

      // carol's chat is muted by alice until 2999: stored, counted, not pushed.
      assertThat(send(as.get("carol"), "/api/v1/chats/" + aliceCarol + "/messages", "Still on?"))
          .isEqualTo(5);
      assertThat(send(as.get("dave"), "/api/v1/chats/" + aliceDave + "/messages", "Dave again"))
          .isEqualTo(2);
      expo.await(m -> chatOf(m).equals(aliceDave));
      TimeUnit.SECONDS.sleep(1);
      assertThat(expo.received())
          .as("no push for a chat alice muted until 2999")
          .noneMatch(m -> chatOf(m).equals(aliceCarol));

      // bob's toggled mute silences carol; alice reaches the one device bob kept.
      assertThat(send(as.get("carol"), "/api/v1/chat/bob/messages", "Yes, I'm coming"))
          .isEqualTo(3);
      assertThat(send(as.get("alice"), "/api/v1/chat/bob/messages", "Bob, you there?"))
          .isEqualTo(7);
      JsonNode toBob =
          expo.await(m -> chatOf(m).equals(aliceBob) && m.path("to").asText().contains("bob"));
      assertThat(toBob.path("to").asText()).isEqualTo("ExponentPushToken[bob-phone]");
      TimeUnit.SECONDS.sleep(1);
      assertThat(expo.received())
          .as("no push for bob's muted chat with carol, none to the token bob removed")
          .noneMatch(m -> chatOf(m).equals(bobCarol))
          .noneMatch(m -> m.path("to").asText().equals("ExponentPushToken[bob-tablet]"));

      // The support chat goes on where it was.
      assertThat(send(as.get("carol"), "/api/v1/chat/" + DESK + "/messages", "Any news?"))
          .isEqualTo(3);
      JsonNode answer =
          as.get("sam")
              .expect(
                  201,
                  "POST",
                  "/api/v1/admin/support/chats/" + supportCarol + "/messages",
                  Map.of("text", "Delivered tomorrow", "clientMessageId", "s-2"))
              .path("message");
      assertThat(answer.path("seq").asLong()).isEqualTo(4);
      assertThat(answer.path("sender").asText()).isEqualTo(DESK);

      // A group beside the old chats.
      JsonNode group =
          as.get("alice")
              .expect(
                  201,
                  "POST",
                  "/api/v1/chats/groups",
                  Map.of("name", "Friday trip", "members", List.of("bob", "carol", "dave")))
              .path("chat");
      String groupId = group.path("_id").asText();
      assertThat(group.path("type").asText()).isEqualTo("group");
      JsonNode inGroup =
          as.get("alice")
              .expect(
                  201,
                  "POST",
                  "/api/v1/chats/" + groupId + "/messages",
                  Map.of("text", "Who drives?", "clientMessageId", "g-1"))
              .path("message");
      assertThat(inGroup.path("seq").asLong()).isPositive();
      assertThat(chatIds(as.get("alice").expect(200, "GET", "/api/v1/chats?limit=50", null)))
          .containsExactlyInAnyOrder(groupId, aliceBob, aliceCarol, aliceDave);
      assertThat(chatIds(as.get("bob").expect(200, "GET", "/api/v1/chats?limit=50", null)))
          .containsExactlyInAnyOrder(
              groupId, aliceBob, bobCarol, chats.path("support-bob").path("_id").asText());
      assertThat(chatIds(as.get("dave").expect(200, "GET", "/api/v1/chats?type=group", null)))
          .containsExactly(groupId);
      assertThat(chatIds(as.get("carol").expect(200, "GET", "/api/v1/chats?limit=50", null)))
          .containsExactlyInAnyOrder(groupId, aliceCarol, bobCarol, supportCarol);

      // carol blocks bob again, on this release.
      as.get("carol").expect(200, "POST", "/api/v1/users/bob/block", null);
      assertThat(as.get("bob").post("/api/v1/chat/carol/messages", Map.of("text", "x")).code())
          .isEqualTo("BLOCKED");

      // Reading history is a delivery receipt: the first reads move delivered marks, the second
      // reads what they left, which the next start must read the same.
      snapshot(as, expected);
      beforeRestart = snapshot(as, expected);
      JsonNode aliceBobNow =
          beforeRestart.get("alice GET /api/v1/chats/" + aliceBob + "/messages?limit=50");
      assertThat(aliceBobNow.path("messages").findValuesAsText("seq"))
          .containsExactly("1", "2", "3", "4", "5", "6", "7");

      assertThat(server.terminate(STOP)).as(server.output()).isTrue();
    }

    // 7. A second start on the same directory reads exactly what the first one left.
    try (FakeExpo expo = new FakeExpo();
        ServerProcess again = start(dataDir, expo)) {
      Map<String, Rest> as = callers(again, tokens);
      Map<String, JsonNode> afterRestart = snapshot(as, expected);
      assertThat(afterRestart.keySet()).containsExactlyElementsOf(beforeRestart.keySet());
      for (Map.Entry<String, JsonNode> read : beforeRestart.entrySet()) {
        assertThat(afterRestart.get(read.getKey()))
            .as("after the second start: " + read.getKey())
            .isEqualTo(read.getValue());
      }
      assertThat(again.terminate(STOP)).as(again.output()).isTrue();
    }
  }

  @Test
  void aStartKilledEarlyOrAtItsBannerLeavesTheReleasesDataWhole() throws Exception {
    JsonNode expected = expectations();
    Path dataDir = unzipFixture("killed");
    Map<String, String> tokens = tokens(dataDir);

    // Killed (SIGKILL) two seconds into its start: whatever it had done to the store by then.
    Process early =
        ServerProcess.command(Map.of(), args(dataDir, null))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    TimeUnit.SECONDS.sleep(2);
    early.destroyForcibly();
    assertThat(early.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // Killed at its banner: after everything a start does to the store.
    try (ServerProcess killed = start(dataDir, null)) {
      killed.process().destroyForcibly();
      assertThat(killed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // The next start reads all of the release's data.
    try (ServerProcess server = start(dataDir, null)) {
      Map<String, Rest> as = callers(server, tokens);
      assertRecordedAnswers(as, expected.path("answers"), false);
      assertHistoriesById(as, expected, false);
      assertListsById(as, expected);
      assertThat(server.terminate(STOP)).as(server.output()).isTrue();
    }
  }

  /**
   * The data directory of the release before this one (9d54b28: groups, edits, deletions, replies,
   * reactions, pins, forwards, delivered marks, archive, search; the embedded MongoDB-compatible
   * store), written by {@code src/test/scripts/make-release-data.py} with that release's jar: this
   * release moves it into its SQLite file at the first start, answers every read the release
   * answered with at least the same, keeps the old file aside, and reads the same after a restart
   * and after new writes on top.
   */
  @Test
  void theStoreOfTheReleaseBeforeIsMovedIntoTheNewOneAndReadsTheSame() throws Exception {
    JsonNode answers = expectations(RELEASE_BEFORE + ".json").path("answers");
    Path dataDir = unzipFixture(RELEASE_BEFORE + ".zip", "before");
    Map<String, String> tokens = tokens(dataDir);
    try (ServerProcess server = start(dataDir, null)) {
      assertReleaseBeforeAnswers(callers(server, tokens), answers);
      assertThat(server.terminate(STOP)).as(server.output()).isTrue();
    }
    assertThat(dataDir.resolve("chat.db")).exists();
    assertThat(dataDir.resolve("chat-store.mv.db")).doesNotExist();
    assertThat(dataDir.resolve("chat-store.mv.db.moved")).exists();

    try (ServerProcess again = start(dataDir, null)) {
      Map<String, Rest> as = callers(again, tokens);
      assertReleaseBeforeAnswers(as, answers);
      // New writes go on from where the release left each chat.
      JsonNode list = as.get("alice").expect(200, "GET", "/api/v1/chats?limit=50", null);
      for (JsonNode chat : list.path("chats")) {
        String id = chat.path("_id").asText();
        JsonNode sent =
            as.get("alice")
                .expect(
                    201,
                    "POST",
                    "/api/v1/chats/" + id + "/messages",
                    Map.of("text", "on the new store", "clientMessageId", "new-" + id))
                .path("message");
        assertThat(sent.path("seq").asLong())
            .as("the next seq in " + id)
            .isEqualTo(chat.path("lastMessage").path("seq").asLong() + 1);
      }
      assertThat(again.terminate(STOP)).as(again.output()).isTrue();
    }
  }

  private static void assertReleaseBeforeAnswers(Map<String, Rest> as, JsonNode answers) {
    int replayed = 0;
    for (Iterator<String> names = answers.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String[] read = name.split(" ", 3);
      JsonNode now = as.get(read[0]).expect(200, "GET", read[2], null);
      assertHolds(name, answers.get(name), now);
      replayed++;
    }
    assertThat(replayed).as("recorded reads replayed").isGreaterThan(60);
  }

  // --- what the release answered, answered again ---

  /**
   * Replays every recorded read (those taken with carol's block lifted when {@code afterUnblock})
   * and checks that each answer holds the release's, field for field.
   */
  private static void assertRecordedAnswers(
      Map<String, Rest> as, JsonNode answers, boolean afterUnblock) {
    int replayed = 0;
    for (Iterator<String> names = answers.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.startsWith(AFTER_UNBLOCK) != afterUnblock) {
        continue;
      }
      String[] read = name.substring(afterUnblock ? AFTER_UNBLOCK.length() : 0).split(" ", 3);
      assertThat(read[1]).isEqualTo("GET");
      JsonNode now = as.get(read[0]).expect(200, "GET", read[2], null);
      assertHolds(name, answers.get(name), now);
      replayed++;
    }
    assertThat(replayed).as("recorded reads replayed").isGreaterThan(afterUnblock ? 5 : 25);
  }

  /**
   * {@code actual} holds {@code expected}: every field of an object with an equal value (a field
   * this release added is allowed), every array of the same length with each element holding.
   */
  private static void assertHolds(String where, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(where + " is an object: " + actual).isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        assertThat(actual.has(field.getKey()))
            .as(where + "." + field.getKey() + " is there: " + actual)
            .isTrue();
        assertHolds(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(where + " is an array: " + actual).isTrue();
      assertThat(actual.size()).as(where + " size: " + actual).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertHolds(where + "[" + i + "]", expected.get(i), actual.get(i));
      }
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  /**
   * Every chat's history by chat id, for each of its users (the desk's through the staff route):
   * ids, seqs, senders, texts and clientMessageIds as written; alice's copy of the chat she cleared
   * from seq 4 on. The chat bob and carol had only while carol's block is lifted.
   */
  private static void assertHistoriesById(
      Map<String, Rest> as, JsonNode expected, boolean afterUnblock) {
    JsonNode cleared = expected.path("cleared").get(0);
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("chats").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode chat = entry.getValue();
      if (entry.getKey().equals("bob-carol") != afterUnblock) {
        continue;
      }
      String id = chat.path("_id").asText();
      for (JsonNode participant : chat.path("participants")) {
        String user = participant.asText();
        JsonNode page =
            user.equals(DESK)
                ? as.get("sam")
                    .expect(200, "GET", "/api/v1/admin/support/chats/" + id + "?limit=50", null)
                : as.get(user).expect(200, "GET", "/api/v1/chats/" + id + "/messages", null);
        long clearedUpTo =
            user.equals(cleared.path("user").asText())
                    && entry.getKey().equals(cleared.path("chat").asText())
                ? cleared.path("clearedUpTo").asLong()
                : 0;
        List<JsonNode> visible = new ArrayList<>();
        chat.path("messages").forEach(m -> visible.add(m));
        visible.removeIf(m -> m.path("seq").asLong() <= clearedUpTo);
        JsonNode messages = page.path("messages");
        String where = entry.getKey() + " as " + user + ": " + messages;
        assertThat(messages.size()).as(where).isEqualTo(visible.size());
        for (int i = 0; i < visible.size(); i++) {
          JsonNode want = visible.get(i);
          JsonNode got = messages.get(i);
          for (String field : List.of("_id", "seq", "sender", "text", "clientMessageId")) {
            assertThat(got.path(field))
                .as(where + " [" + i + "]." + field)
                .isEqualTo(want.path(field));
          }
          assertThat(got.path("chatId").asText()).isEqualTo(id);
        }
      }
    }
  }

  /** Each user's list by chat id holds what the release's list held, in the same order. */
  private static void assertListsById(Map<String, Rest> as, JsonNode expected) {
    for (String user : USERS) {
      JsonNode recorded = expected.path("answers").path(user + " GET /api/v1/chat?limit=50");
      JsonNode now = as.get(user).expect(200, "GET", "/api/v1/chats?limit=50", null);
      assertHolds(user + " GET /api/v1/chats?limit=50", recorded, now);
      for (JsonNode chat : now.path("chats")) {
        assertThat(chat.path("unreadCount").asInt())
            .as(user + "'s unread count in " + chat.path("_id").asText())
            .isEqualTo(
                expected.path("unreadCounts").path(user).path(chat.path("_id").asText()).asInt(-1));
      }
    }
  }

  // --- reads and writes ---

  /** What a later start must read the same: every user's chats, histories, mutes and blocks. */
  private static Map<String, JsonNode> snapshot(Map<String, Rest> as, JsonNode expected) {
    Map<String, JsonNode> reads = new LinkedHashMap<>();
    for (String user : USERS) {
      Rest rest = as.get(user);
      JsonNode list = read(reads, user, rest, "/api/v1/chats?limit=50");
      for (JsonNode chat : list.path("chats")) {
        String id = chat.path("_id").asText();
        read(reads, user, rest, "/api/v1/chats/" + id + "/messages?limit=50");
        read(reads, user, rest, "/api/v1/chats/" + id);
        if (!chat.path("type").asText().equals("group")) {
          for (JsonNode p : chat.path("participants")) {
            String other = p.path("_id").asText();
            if (!other.equals(user)) {
              read(reads, user, rest, "/api/v1/chat/" + other + "/mute-status");
            }
          }
        }
      }
      read(reads, user, rest, "/api/v1/users/me/blocked");
    }
    Rest staff = as.get("sam");
    read(reads, "sam", staff, "/api/v1/admin/support/chats?limit=50");
    for (String status : List.of("open", "waiting_user", "resolved")) {
      read(reads, "sam", staff, "/api/v1/admin/support/chats?status=" + status);
    }
    for (String name : List.of("support-carol", "support-bob")) {
      String id = expected.path("chats").path(name).path("_id").asText();
      read(reads, "sam", staff, "/api/v1/admin/support/chats/" + id + "?limit=50");
    }
    return reads;
  }

  private static JsonNode read(Map<String, JsonNode> reads, String user, Rest rest, String path) {
    JsonNode data = rest.expect(200, "GET", path, null);
    reads.put(user + " GET " + path, data);
    return data;
  }

  /** Sends a message (201) and answers its seq. */
  private static long send(Rest rest, String path, String text) {
    return rest.expect(201, "POST", path, Map.of("text", text))
        .path("message")
        .path("seq")
        .asLong();
  }

  /** Marks one message seen over the 1:1 route and answers the mark where it now is. */
  private static long markSeen(Rest rest, String other, JsonNode message) {
    return rest.expect(
            200,
            "POST",
            "/api/v1/chat/" + other + "/messages/" + message.path("_id").asText() + "/seen",
            null)
        .path("seenUpTo")
        .asLong();
  }

  private static JsonNode message(JsonNode chats, String chat, long seq) {
    for (JsonNode m : chats.path(chat).path("messages")) {
      if (m.path("seq").asLong() == seq) {
        return m;
      }
    }
    throw new AssertionError("no seq " + seq + " in " + chat);
  }

  private static List<String> chatIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("chats").forEach(chat -> ids.add(chat.path("_id").asText()));
    return ids;
  }

  private static String chatOf(JsonNode push) {
    return push.path("data").path("chatId").asText();
  }

  // --- the server, its users and its data ---

  private static String[] args(Path dataDir, FakeExpo expo) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port", "0",
                "--data-dir", dataDir.toString(),
                "--read-burst", "10000",
                "--read-per-second", "10000",
                "--send-burst", "1000",
                "--send-per-second", "1000"));
    if (expo != null) {
      args.addAll(
          List.of("--push-enabled", "true", "--push-url", expo.url(), "--push-receipts", "0"));
    }
    return args.toArray(String[]::new);
  }

  private static ServerProcess start(Path dataDir, FakeExpo expo) {
    return ServerProcess.start(Map.of(), args(dataDir, expo));
  }

  /** Tokens minted by this release's token command over the fixture's development secret. */
  private static Map<String, String> tokens(Path dataDir) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String user : USERS) {
      tokens.put(user, ServerProcess.token(dataDir, user));
    }
    tokens.put("sam", ServerProcess.token(dataDir, "sam", "--admin", "--name", "Sam (Support)"));
    return tokens;
  }

  private static Map<String, Rest> callers(ServerProcess server, Map<String, String> tokens) {
    Map<String, Rest> as = new LinkedHashMap<>();
    tokens.forEach((user, token) -> as.put(user, new Rest(server.base(), token)));
    return as;
  }

  private static JsonNode expectations() throws IOException {
    return expectations(EXPECTATIONS);
  }

  private static JsonNode expectations(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return JSON.readTree(in);
    }
  }

  /** The fixture unzipped into a fresh directory. */
  private Path unzipFixture(String name) throws IOException {
    return unzipFixture(FIXTURE, name);
  }

  /** A fixture (a zipped data directory) unzipped into a fresh directory. */
  private Path unzipFixture(String fixture, String name) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    int files = 0;
    try (ZipInputStream zip = new ZipInputStream(resource(fixture))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = dir.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(dir)).as(entry.getName()).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
          files++;
        }
      }
    }
    assertThat(dir.resolve("chat-store.mv.db")).exists();
    assertThat(dir.resolve("dev-secret")).exists();
    assertThat(files).isEqualTo(2);
    return dir;
  }

  private static InputStream resource(String name) {
    InputStream in = PreviousReleaseDataIT.class.getResourceAsStream("/" + name);
    assertThat(in).as("test resource " + name).isNotNull();
    return in;
  }

  /** Expo's push endpoint: takes every batch, answers a ticket per message, keeps the messages. */
  private static final class FakeExpo implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    FakeExpo() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/send";
    }

    List<JsonNode> received() {
      return List.copyOf(received);
    }

    JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + PUSH_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (JsonNode message : received) {
          if (wanted.test(message)) {
            return message;
          }
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
      throw new AssertionError("no such push within " + PUSH_WAIT + "; received: " + received);
    }

    private void handle(HttpExchange exchange) throws IOException {
      try {
        JsonNode batch = JSON.readTree(exchange.getRequestBody().readAllBytes());
        StringBuilder tickets = new StringBuilder("{\"data\":[");
        int n = 0;
        for (JsonNode message : batch.isArray() ? batch : JSON.createArrayNode().add(batch)) {
          received.add(message);
          tickets.append(n++ == 0 ? "" : ",");
          tickets.append("{\"status\":\"ok\",\"id\":\"t-").append(received.size()).append("\"}");
        }
        byte[] answer = tickets.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
      } finally {
        exchange.close();
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
