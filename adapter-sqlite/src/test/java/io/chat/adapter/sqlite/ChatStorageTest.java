package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DESK;
import static io.chat.application.testing.Users.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.testing.Await;
import io.chat.application.testing.Chats;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.NotAParticipantException;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.Revision;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the chat and membership contracts do not reach: sends racing into one chat and first
 * contacts racing to create one, with the per-member rows of the chat list kept in step; and the
 * import of chats and memberships exactly as given.
 */
class ChatStorageTest {
  private static final UserId ADMIN = UserId.of("admin-1");

  @TempDir Path directory;
  private final ObjectIdGenerator ids = Ids.seeded(20250115L);
  private final Chats chats = new Chats(ids);
  private final Messages messages = new Messages(ids);
  private SqliteStore store;
  private ChatRepository repository;
  private MembershipRepository memberships;

  @BeforeEach
  void open() {
    store = SqliteStore.open(directory);
    repository = store.chats();
    memberships = store.memberships();
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- concurrency

  @Test
  void concurrentSendsIntoOneChatTakeEachSeqOnceAndCountTheUnread() throws SQLException {
    Chat chat = done(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))));
    int count = 50;
    List<NewMessage> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // One in five from Bob: 40 unread for him, 10 for Alice.
      sent.add(messages.newMessage(i % 5 == 0 ? BOB : ALICE, "message " + i, at(1 + i % 9)));
    }

    List<Chat> answers =
        Concurrently.call(
            count, i -> repository.recordMessage(chat, sent.get(i), Optional.empty()));

    assertThat(answers.stream().map(Chat::lastSeq).sorted())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    for (int i = 0; i < count; i++) {
      Chat answer = answers.get(i);
      assertThat(answer.id()).isEqualTo(chat.id());
      assertThat(answer.lastMessage())
          .as("call %d answers the chat after its own step", i)
          .contains(sent.get(i).at(chat.id(), answer.lastSeq()));
    }
    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.lastSeq()).isEqualTo(count);
    assertThat(stored.unreadFor(BOB)).isEqualTo(40);
    assertThat(stored.unreadFor(ALICE)).isEqualTo(10);
    assertThat(stored.updatedAt()).isEqualTo(at(9));
    assertThat(activityOfMembers(chat.id())).containsOnly(at(9).toEpochMilli()).hasSize(2);
  }

  @Test
  void concurrentFirstContactsAndFirstMessagesOfOnePairCreateOneChat() throws SQLException {
    int count = 40;
    List<Chat> candidates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      candidates.add(
          i % 2 == 0 ? chats.userChat(ALICE, BOB, at(0)) : chats.userChat(BOB, ALICE, at(0)));
    }

    List<Chat> answers =
        Concurrently.call(
            count,
            i ->
                i % 4 < 2
                    ? repository.findOrCreate(candidates.get(i))
                    : repository.recordMessage(
                        candidates.get(i),
                        messages.newMessage(i % 2 == 0 ? ALICE : BOB, "hi " + i, at(1)),
                        Optional.empty()));

    assertThat(answers).extracting(Chat::id).containsOnly(answers.get(0).id());
    assertThat(count("SELECT count(*) FROM chats")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM chat_members")).isEqualTo(2);
    Chat stored =
        done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))).orElseThrow();
    assertThat(stored.lastSeq()).isEqualTo(count / 2);
    assertThat(stored.unreadFor(ALICE) + stored.unreadFor(BOB)).isEqualTo(count / 2);
    assertThat(activityOfMembers(stored.id())).containsOnly(at(1).toEpochMilli()).hasSize(2);
  }

  @Test
  void aSendTheDomainRefusesFailsItsStageAndCreatesNoChat() {
    Chat candidate = chats.userChat(ALICE, BOB, at(0));

    assertThat(
            Await.failure(
                repository.recordMessage(
                    candidate, messages.newMessage(CAROL, "not mine", at(1)), Optional.empty())))
        .isInstanceOf(NotAParticipantException.class);
    assertThat(done(repository.findById(candidate.id()))).isEmpty();
    assertThat(done(repository.partnersOf(ALICE))).isEmpty();
  }

  // ---- import

  @Test
  void aSupportChatWithEveryFieldSetIsImportedAsGiven() {
    ChatId id = ids.newChatId();
    PairKey pair = PairKey.of(ALICE, SYSTEM.id());
    Message last =
        new Message(
            ids.newMessageId(),
            id,
            7,
            ALICE,
            MessageText.of("12:34, and 5:6 again"),
            at(5).plusMillis(1),
            Optional.of(ClientMessageId.of("c:7")),
            Optional.empty(),
            List.of(SYSTEM.id(), ADMIN),
            Optional.of(ids.newMessageId()),
            true,
            new Revision(
                9,
                Optional.of(at(6)),
                Optional.empty(),
                List.of(new Reaction("\uD83D\uDC4D\uD83C\uDFFD", 2), new Reaction("3:x", 1)),
                Optional.of(new Pin(ADMIN, at(7))),
                Set.of(ALICE, SYSTEM.id())));
    Chat chat =
        Chat.restore(
                id,
                ChatType.ADMIN_SUPPORT,
                pair,
                7,
                Optional.of(last),
                Map.of(
                    ALICE,
                    new MemberState(6, 2, 1, 7, 5),
                    SYSTEM.id(),
                    new MemberState(7, 3, 0, 7, 7)),
                Optional.of(
                    new SupportState(
                        SupportStatus.WAITING_USER,
                        Optional.of(RelatedEntity.of("trip_verification", "trip:42")),
                        Optional.of(ADMIN))),
                at(1),
                at(5).plusMillis(1))
            .withLastChange(11);

    importChats(chat);

    assertThat(done(repository.findById(id))).contains(chat);
    assertThat(done(repository.findByPair(ChatType.ADMIN_SUPPORT, pair))).contains(chat);
    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .containsExactly(chat);
    assertThat(
            done(
                repository.listSupport(
                    Optional.of(SupportStatus.WAITING_USER), Optional.empty(), 10)))
        .containsExactly(chat);
    assertThat(done(repository.partnersOf(SYSTEM.id()))).containsExactly(ALICE);
  }

  @Test
  void aGroupWithEveryFieldSetAndItsMembershipsAreImportedAsGiven() {
    ChatId id = ids.newChatId();
    Message last =
        new Message(
            ids.newMessageId(),
            id,
            4,
            ALICE,
            MessageText.NONE,
            at(3),
            Optional.empty(),
            Optional.of(
                new SystemEvent(
                    SystemEvent.Type.GROUP_UPDATED,
                    ALICE,
                    List.of(BOB, CAROL),
                    Optional.of(GroupRole.ADMIN),
                    Optional.of("Name: 1"),
                    List.of("name", "description"))),
            List.of(),
            Optional.empty(),
            false,
            new Revision(
                6, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Set.of(BOB)));
    Group group =
        new Group(
            new GroupProfile(
                "Name: 1", Optional.of("Two\nlines"), Optional.of("https://example.com/a.png")),
            true,
            2);
    Chat chat = Chat.restoreGroup(id, 4, Optional.of(last), group, at(0), at(3)).withLastChange(6);
    Membership alice =
        new Membership(id, ALICE, GroupRole.OWNER, 1, 0, 4, 2, at(0).plusMillis(5), false, 4, 3);
    Membership bob =
        new Membership(id, BOB, GroupRole.ADMIN, 2, 9, 8, 3, at(2).plusMillis(123), true, 7, 5);

    importChats(chat);
    done(
        store.write(
            session -> {
              SqliteMembershipRepository.importMembership(session, alice);
              SqliteMembershipRepository.importMembership(session, bob);
              return null;
            }));

    assertThat(done(repository.findById(id))).contains(chat);
    assertThat(done(memberships.find(id, ALICE))).contains(alice);
    assertThat(done(memberships.find(id, BOB))).contains(bob);
    assertThat(
            done(
                repository.listForUser(
                    ALICE, Set.of(ChatType.GROUP), Set.of(), Optional.empty(), 10)))
        .containsExactly(chat);
    assertThat(
            done(
                repository.listForUser(
                    BOB, Set.of(ChatType.GROUP), Set.of(), Optional.empty(), 10)))
        .as("bob hid the group")
        .isEmpty();
  }

  @Test
  void aChatOfTwoWithATombstoneAndOneWithoutMessagesAreImportedAsGiven() {
    Chat quiet = chats.userChat(ALICE, CAROL, at(2));
    Chat withBob = chats.userChat(ALICE, BOB, at(0));
    Message tombstone = messages.message(withBob.id(), 1, BOB, at(1)).deletedForEveryone(at(2), 1);
    Chat deleted =
        withBob
            .withMessage(tombstone, Optional.empty())
            .withLastChange(1)
            .withMember(BOB, new MemberState(1, 0, 0, 1, 1));

    importChats(quiet, deleted);

    assertThat(done(repository.findById(quiet.id()))).contains(quiet);
    assertThat(done(repository.findById(deleted.id()))).contains(deleted);
    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .as("a chat without messages is not listed")
        .containsExactly(deleted);
    assertThat(done(repository.partnersOf(ALICE))).containsExactlyInAnyOrder(BOB, CAROL);
  }

  @Test
  void anImportOfAChatWhoseKeyIsStoredFails() {
    Chat first = done(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))));

    assertThatThrownBy(() -> importChats(chats.userChat(BOB, ALICE, at(1))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))))
        .contains(first);
  }

  @Test
  void aFirstMessageMayComeFromEitherSideOfASupportChat() {
    Chat support = chats.supportChat(ALICE, at(0));
    NewMessage fromDesk = messages.newMessage(SYSTEM.id(), "how can we help?", at(1));

    Chat after =
        done(
            repository.recordMessage(
                support, fromDesk, support.supportStatusAfterMessageFrom(SYSTEM.id(), DESK)));

    assertThat(after.unreadFor(ALICE)).isEqualTo(1);
    assertThat(after.support().map(SupportState::status)).contains(SupportStatus.WAITING_USER);
    assertThat(done(repository.findById(support.id()))).contains(after);
  }

  private void importChats(Chat... imported) {
    done(
        store.write(
            session -> {
              for (Chat chat : imported) {
                SqliteChatRepository.importChat(session, chat);
              }
              return null;
            }));
  }

  /** The chat's activity time in each of its participants' rows of the chat list's index. */
  private List<Long> activityOfMembers(ChatId chat) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT active_at FROM chat_members WHERE chat_id = ?")) {
      query.setString(1, chat.value());
      List<Long> times = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          times.add(rows.getLong(1));
        }
      }
      return times;
    }
  }

  private long count(String query) throws SQLException {
    try (Connection connection = connect();
        var statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + store.file());
  }
}
