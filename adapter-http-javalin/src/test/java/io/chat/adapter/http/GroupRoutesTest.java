package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat-id routes and the group routes over a real HTTP server: answers and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupRoutesTest {
  private static final String CHATS = "/api/v1/chats";
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  private String createGroup(User owner, String name, User... members) {
    List<String> ids = new ArrayList<>();
    for (User m : members) {
      ids.add('"' + m.id() + '"');
    }
    Response r =
        server.post(
            CHATS + "/groups",
            owner,
            "{\"name\":\"" + name + "\",\"members\":[" + String.join(",", ids) + "]}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.data().path("chat").path("_id").asText();
  }

  @Test
  void aGroupIsCreatedListedReadAndWrittenByItsMembers() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String group = createGroup(alice, "Trip", bob);

    Response sent =
        server.post(
            CHATS + "/" + group + "/messages",
            bob,
            "{\"text\":\"hi\",\"clientMessageId\":\"c1\",\"mentions\":[\"" + alice.id() + "\"]}");
    Response again =
        server.post(
            CHATS + "/" + group + "/messages", bob, "{\"text\":\"hi\",\"clientMessageId\":\"c1\"}");
    Response history = server.get(CHATS + "/" + group + "/messages", alice);
    Response list = server.get(CHATS + "?type=group", alice);
    Response one = server.get(CHATS + "/" + group, bob);

    assertThat(sent.status()).isEqualTo(201);
    assertThat(sent.data().path("message").path("mentions").get(0).asText()).isEqualTo(alice.id());
    assertThat(again.status()).isEqualTo(200);
    JsonNode messages = history.data().path("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).path("kind").asText()).isEqualTo("system");
    assertThat(messages.get(0).path("event").path("type").asText()).isEqualTo("group_created");
    assertThat(messages.get(0).path("event").path("subjectIds").get(0).asText())
        .isEqualTo(bob.id());
    assertThat(messages.get(1).path("text").asText()).isEqualTo("hi");
    assertThat(list.data().path("chats").get(0).path("type").asText()).isEqualTo("group");
    assertThat(list.data().path("chats").get(0).path("unreadCount").asLong()).isEqualTo(1);
    assertThat(list.data().path("chats").get(0).path("group").path("name").asText())
        .isEqualTo("Trip");
    assertThat(one.data().path("chat").path("group").path("myRole").asText()).isEqualTo("member");
    assertThat(one.data().path("chat").path("group").path("memberCount").asInt()).isEqualTo(2);

    Response read = server.post(CHATS + "/" + group + "/read", alice, null);
    String messageId = messages.get(1).path("_id").asText();
    Response readers = server.get(CHATS + "/" + group + "/messages/" + messageId + "/reads", bob);

    assertThat(read.data().path("seenUpTo").asLong()).isEqualTo(2);
    assertThat(readers.data().path("members").get(0).path("_id").asText()).isEqualTo(alice.id());
    assertThat(
            server
                .get(CHATS + "?type=group", alice)
                .data()
                .path("chats")
                .get(0)
                .path("unreadCount")
                .asLong())
        .isZero();
  }

  @Test
  void membersAreAddedPromotedRemovedAndLeaveWithTheirRefusals() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    User dave = server.user("Dave");
    String group = createGroup(alice, "Team", bob);

    Response byMember =
        server.post(
            CHATS + "/" + group + "/members", bob, "{\"userIds\":[\"" + carol.id() + "\"]}");
    Response added =
        server.post(
            CHATS + "/" + group + "/members",
            alice,
            "{\"userIds\":[\"" + carol.id() + "\",\"" + dave.id() + "\"]}");
    Response promoted =
        server.patch(CHATS + "/" + group + "/members/" + bob.id(), alice, "{\"role\":\"admin\"}");
    Response adminRemovesAdmin = server.delete(CHATS + "/" + group + "/members/" + alice.id(), bob);
    Response removed = server.delete(CHATS + "/" + group + "/members/" + dave.id(), bob);
    Response members = server.get(CHATS + "/" + group + "/members?limit=2", carol);
    Response left = server.post(CHATS + "/" + group + "/leave", alice, null);
    Response formerSends = server.post(CHATS + "/" + group + "/messages", alice, text("back?"));
    Response hidden = server.delete(CHATS + "/" + group, alice);
    Response heir = server.get(CHATS + "/" + group, bob);

    assertThat(byMember.status()).isEqualTo(403);
    assertThat(byMember.code()).isEqualTo("FORBIDDEN");
    assertThat(added.data().path("added")).hasSize(2);
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(adminRemovesAdmin.code()).isEqualTo("FORBIDDEN");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(members.data().path("members")).hasSize(2);
    assertThat(members.data().path("nextCursor").isTextual()).isTrue();
    assertThat(left.status()).isEqualTo(200);
    assertThat(formerSends.status()).isEqualTo(403);
    assertThat(formerSends.code()).isEqualTo("NOT_A_MEMBER");
    assertThat(hidden.status()).isEqualTo(200);
    assertThat(server.get(CHATS + "?type=group", alice).data().path("chats")).isEmpty();
    assertThat(heir.data().path("chat").path("group").path("myRole").asText()).isEqualTo("owner");
  }

  @Test
  void theGroupIsRenamedAndMadeAnAnnouncementGroupByItsOwner() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String group = createGroup(alice, "Old", bob);

    Response renamed =
        server.patch(
            CHATS + "/" + group,
            alice,
            "{\"name\":\"New\",\"description\":\"d\",\"onlyAdminsSend\":true}");
    Response memberSends = server.post(CHATS + "/" + group + "/messages", bob, text("hi"));
    Response removedDescription =
        server.patch(CHATS + "/" + group, alice, "{\"description\":null}");

    assertThat(renamed.data().path("chat").path("group").path("name").asText()).isEqualTo("New");
    assertThat(renamed.data().path("chat").path("group").path("onlyAdminsSend").asBoolean())
        .isTrue();
    assertThat(memberSends.status()).isEqualTo(403);
    assertThat(memberSends.code()).isEqualTo("FORBIDDEN");
    assertThat(removedDescription.data().path("chat").path("group").path("description").isNull())
        .isTrue();
    JsonNode last = server.get(CHATS + "/" + group + "/messages", bob).data().path("messages");
    assertThat(last.get(last.size() - 2).path("event").path("name").asText()).isEqualTo("New");
  }

  @Test
  void strangersBlockedUsersAndUnknownChatsAreRefused() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User mallory = server.user("Mallory");
    String group = createGroup(alice, "Private", bob);
    server.post("/api/v1/users/" + alice.id() + "/block", mallory, null);

    Response stranger = server.get(CHATS + "/" + group + "/messages", mallory);
    Response blockedAdd =
        server.post(
            CHATS + "/" + group + "/members", alice, "{\"userIds\":[\"" + mallory.id() + "\"]}");
    Response unknown = server.get(CHATS + "/" + TestServer.newId(), alice);
    Response unknownUser =
        server.post(CHATS + "/" + group + "/members", alice, "{\"userIds\":[\"nobody-here\"]}");

    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.code()).isEqualTo("NOT_FOUND");
    assertThat(blockedAdd.status()).isEqualTo(403);
    assertThat(blockedAdd.code()).isEqualTo("BLOCKED");
    assertThat(unknown.code()).isEqualTo("NOT_FOUND");
    assertThat(unknownUser.code()).isEqualTo("NOT_FOUND");
    assertThat(server.get(CHATS + "/" + group + "/members", alice).data().path("members"))
        .hasSize(2);
  }

  @ParameterizedTest(name = "create refuses {0}")
  @ValueSource(
      strings = {
        "{\"name\":\"\"}",
        "{\"name\":5}",
        "{\"members\":[]}",
        "{\"name\":\"g\",\"members\":\"bob\"}",
        "{\"name\":\"g\",\"members\":[5]}",
        "{\"name\":\"g\",\"owner\":\"x\"}",
        "{\"name\":\"g\",\"onlyAdminsSend\":\"yes\"}",
        "{\"name\":\"g\",\"avatarUrl\":\"javascript:x\"}",
        "not json"
      })
  void malformedCreationsAreRefusedAndCreateNothing(String body) {
    User alice = server.user("Alice");

    Response r = server.post(CHATS + "/groups", alice, body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
    assertThat(server.get(CHATS, alice).data().path("chats")).isEmpty();
  }

  @Test
  void aPairChatIsServedByIdWithThePairRules() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chatId = server.sendText(alice, bob, "hello").path("chatId").asText();

    Response byId = server.get(CHATS + "/" + chatId + "/messages", bob);
    Response sent = server.post(CHATS + "/" + chatId + "/messages", bob, text("back"));
    Response mentions =
        server.post(
            CHATS + "/" + chatId + "/messages",
            bob,
            "{\"text\":\"x\",\"mentions\":[\"" + alice.id() + "\"]}");
    Response all = server.get(CHATS + "?type=user_chat", alice);

    assertThat(byId.data().path("messages")).hasSize(1);
    assertThat(sent.status()).isEqualTo(201);
    assertThat(sent.data().path("message").path("chatId").asText()).isEqualTo(chatId);
    assertThat(mentions.code()).isEqualTo("INVALID_ARGUMENT");
    assertThat(all.data().path("chats").get(0).path("unreadCount").asLong()).isEqualTo(1);
  }
}
