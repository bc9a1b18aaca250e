package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.ChatRepository;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How groups are stored, and what each group operation sends to the store (counted by a command
 * listener on the driver): the cost model of the README, checked.
 */
class GroupStorageTest {
  private static final UserId OWNER = UserId.of("owner");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final int GROUP_SIZE = 1_000;

  private static CommandLog log;
  private static List<String> commands;

  private MongoDatabase database;
  private MongoStore store;

  @BeforeAll
  static void start() {
    log = new CommandLog();
    commands = log.commands;
  }

  @AfterAll
  static void stop() {
    log.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = log.freshDatabase("g");
    store = done(MongoStore.of(database).createIndexes());
  }

  private MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }

  private List<Document> all(String name) {
    return done(Stages.list(collection(name).find().sort(new Document("_id", 1))));
  }

  private Chat newGroup() {
    Chat group =
        Chat.startGroup(store.ids().newChatId(), GroupProfile.named("Big group"), false, T0);
    return group.withGroup(group.requireGroup().withMemberCount(GROUP_SIZE));
  }

  /** A group of {@link #GROUP_SIZE} members, created by its first entry as the service does. */
  private Chat bigGroup() {
    Chat candidate = newGroup();
    List<UserId> others = new ArrayList<>();
    for (int i = 1; i < GROUP_SIZE; i++) {
      others.add(UserId.of(String.format("member-%04d", i)));
    }
    NewMessage created =
        NewMessage.system(
            store.ids().newMessageId(), SystemEvent.created(OWNER, "Big group", others), T0);
    Chat chat = done(store.chats().recordMessage(candidate, created, Optional.empty()));
    done(store.messages().insert(created.at(chat.id(), chat.lastSeq())));
    List<Membership> members = new ArrayList<>();
    members.add(Membership.joined(chat.id(), OWNER, GroupRole.OWNER, 1, T0));
    others.forEach(u -> members.add(Membership.joined(chat.id(), u, GroupRole.MEMBER, 1, T0)));
    done(store.memberships().saveAll(members));
    return chat;
  }

  private NewMessage text(UserId sender, int n) {
    return new NewMessage(
        store.ids().newMessageId(),
        sender,
        MessageText.of("message " + n),
        T0.plusSeconds(n),
        Optional.empty());
  }

  @Test
  void aGroupIsOneChatDocumentWithoutParticipantsOrMembers() {
    Chat chat = bigGroup();

    Document stored = all(MongoStore.CHATS).get(0);

    assertThat(stored.getString("_id")).isEqualTo(chat.id().value());
    assertThat(stored.getString("type")).isEqualTo("group");
    assertThat(stored.getString("pairKey")).isEqualTo(chat.id().value());
    assertThat(stored).doesNotContainKeys("participants", "members", "description", "avatarUrl");
    assertThat(stored.getString("name")).isEqualTo("Big group");
    assertThat(stored.getBoolean("onlyAdminsSend")).isFalse();
    assertThat(stored.getInteger("memberCount")).isEqualTo(GROUP_SIZE);
    assertThat(stored.get("lastMessage", Document.class).getString("kind")).isEqualTo("system");
    assertThat(all(MongoStore.MEMBERSHIPS)).hasSize(GROUP_SIZE);
    Document membership =
        done(Stages.first(
                collection(MongoStore.MEMBERSHIPS)
                    .find(new Document("_id", chat.id().value() + ":member-0042"))))
            .orElseThrow();
    assertThat(membership)
        .containsEntry("chatId", chat.id().value())
        .containsEntry("userId", "member-0042")
        .containsEntry("role", "member")
        .containsEntry("joinedSeq", 1L)
        .containsEntry("leftSeq", 0L)
        .containsEntry("readSeq", 0L)
        .containsEntry("clearedSeq", 0L)
        .containsEntry("hidden", false);
  }

  @Test
  void aSendIntoAGroupOfAThousandIsOneChatWriteAndOneInsertAndTouchesNoMember() {
    Chat chat = bigGroup();
    List<Document> membersBefore = all(MongoStore.MEMBERSHIPS);
    NewMessage message = text(UserId.of("member-0007"), 1);

    commands.clear();
    Chat after = done(store.chats().recordMessage(chat, message, Optional.empty()));
    done(store.messages().insert(message.at(after.id(), after.lastSeq())));

    assertThat(commands).containsExactly("findAndModify chats", "insert messages");
    assertThat(after.id()).isEqualTo(chat.id());
    assertThat(after.lastSeq()).isEqualTo(2);
    assertThat(all(MongoStore.MEMBERSHIPS)).isEqualTo(membersBefore);
  }

  @Test
  void aReadMarkInAGroupIsOneWriteOnOneMembership() {
    Chat chat = bigGroup();
    for (int n = 1; n <= 5; n++) {
      NewMessage message = text(OWNER, n);
      Chat after = done(store.chats().recordMessage(chat, message, Optional.empty()));
      done(store.messages().insert(message.at(after.id(), after.lastSeq())));
    }
    List<Document> before = all(MongoStore.MEMBERSHIPS);
    UserId reader = UserId.of("member-0500");

    commands.clear();
    Optional<Membership> was = done(store.memberships().advanceRead(chat.id(), reader, 6));

    assertThat(commands).containsExactly("findAndModify memberships");
    assertThat(was.map(Membership::readSeq)).contains(0L);
    List<Document> after = all(MongoStore.MEMBERSHIPS);
    List<Document> changed = new ArrayList<>(after);
    changed.removeAll(before);
    assertThat(changed).extracting(d -> d.getString("userId")).containsExactly("member-0500");
    assertThat(changed.get(0).getLong("readSeq")).isEqualTo(6L);
  }

  @Test
  void aListPageIsFourQueriesWhateverTheGroupsSize() {
    Chat group = bigGroup();
    UserId user = UserId.of("member-0001");
    Chat pair =
        Chat.start(
            store.ids().newChatId(),
            user,
            UserId.of("friend"),
            SupportDesk.defaults(),
            Optional.empty(),
            T0);
    done(store.chats().recordMessage(pair, text(user, 3), Optional.empty()));

    commands.clear();
    List<Chat> page =
        done(
            store
                .chats()
                .listForUser(user, EnumSet.allOf(ChatType.class), Set.of(), Optional.empty(), 50));

    assertThat(page).extracting(Chat::id).containsExactly(pair.id(), group.id());
    // the pairs' page; the user's groups; their order fields by _id; the page's documents by _id
    assertThat(commands)
        .containsExactlyInAnyOrder("find chats", "find memberships", "find chats", "find chats");
    commands.clear();
    done(store.chats().listForUser(user, Set.of(), Optional.empty(), 50));
    assertThat(commands)
        .as("the list of chats of two reads no membership")
        .containsExactly("find chats");
    commands.clear();
    done(
        store.chats().listForUser(user, ChatRepository.PAIR_TYPES, Set.of(), Optional.empty(), 50));
    assertThat(commands).containsExactly("find chats");
  }

  @Test
  void anUnreadCountOverAShortRangeIsOneProbe() {
    Chat chat = bigGroup();
    for (int n = 1; n <= 20; n++) {
      NewMessage message = text(n % 2 == 0 ? OWNER : UserId.of("member-0001"), n);
      Chat after = done(store.chats().recordMessage(chat, message, Optional.empty()));
      done(store.messages().insert(message.at(after.id(), after.lastSeq())));
    }

    commands.clear();
    long unread = done(store.messages().countUnread(chat.id(), OWNER, 0, 21, 999));

    assertThat(unread).isEqualTo(10);
    assertThat(commands).containsExactly("find messages");
  }

  @Test
  void aMessageStoredBeforeGroupsReadsAsATextMessage() {
    ChatId chat = store.ids().newChatId();
    MessageId id = store.ids().newMessageId();
    Document old =
        new Document("_id", chat.value() + ":1")
            .append("mid", id.value())
            .append("chatId", chat.value())
            .append("seq", 1L)
            .append("sender", "alice")
            .append("text", "hello from before")
            .append("createdAt", Date.from(T0));
    done(Stages.done(collection(MongoStore.MESSAGES).insertOne(old)));

    Optional<Message> found = done(store.messages().findById(id));

    assertThat(found)
        .contains(
            new Message(
                id,
                chat,
                1,
                UserId.of("alice"),
                MessageText.of("hello from before"),
                T0,
                Optional.empty()));
    assertThat(found.orElseThrow().isSystem()).isFalse();
    assertThat(found.orElseThrow().mentions()).isEmpty();
  }

  @Test
  void aTextMessageIsStoredAsBeforeAndASystemEntryWithItsEvent() {
    ChatId chat = store.ids().newChatId();
    Message text = text(OWNER, 1).at(chat, 1);
    Message system =
        NewMessage.system(
                store.ids().newMessageId(),
                SystemEvent.roleChanged(OWNER, UserId.of("bob"), GroupRole.ADMIN),
                T0)
            .at(chat, 2);
    done(store.messages().insert(text));
    done(store.messages().insert(system));

    List<Document> stored = all(MongoStore.MESSAGES);

    assertThat(stored.get(0))
        .containsOnlyKeys("_id", "mid", "chatId", "seq", "sender", "text", "createdAt", "w");
    assertThat(stored.get(0).getList("w", String.class)).containsExactly("message", "1");
    assertThat(stored.get(1))
        .doesNotContainKeys("text", "mentions", "w")
        .containsEntry("kind", "system");
    assertThat(stored.get(1).get("event", Document.class))
        .containsEntry("type", "role_changed")
        .containsEntry("actorId", "owner")
        .containsEntry("subjectIds", List.of("bob"))
        .containsEntry("role", "admin")
        .doesNotContainKeys("name", "changed");
  }
}
