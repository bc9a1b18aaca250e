package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send path on the embedded store: the chat upsert that hands out seqs, then the insert. */
class SendPathTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static EmbeddedMongo server;
  private MongoStore store;

  @BeforeAll
  static void startServer() {
    server = EmbeddedMongo.inMemory();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void connect() {
    store = Stores.fresh(server.connectionString());
  }

  @AfterEach
  void disconnect() {
    store.close();
  }

  private Chat candidate() {
    return Chat.start(
        store.ids().newChatId(), ALICE, BOB, SupportDesk.defaults(), Optional.empty(), T0);
  }

  private NewMessage newMessage(UserId sender, int n) {
    return new NewMessage(
        store.ids().newMessageId(),
        sender,
        MessageText.of("message " + n),
        T0.plusMillis(n),
        Optional.of(ClientMessageId.of("c-" + n)));
  }

  /** One send as the application does it: take the seq, then store the message there. */
  private CompletionStage<Message> send(NewMessage message) {
    return store
        .chats()
        .recordMessage(candidate(), message, Optional.empty())
        .thenCompose(
            chat ->
                store
                    .messages()
                    .insert(message.at(chat.id(), chat.lastSeq()))
                    .thenApply(stored -> stored.message()));
  }

  @Test
  void hundredConcurrentFirstSendsOfAPairMakeOneChatWithSeqsOneToHundred() {
    List<CompletableFuture<Message>> sends = new ArrayList<>();
    for (int n = 1; n <= 100; n++) {
      sends.add(send(newMessage(n % 2 == 0 ? ALICE : BOB, n)).toCompletableFuture());
    }
    List<Message> sent = sends.stream().map(Stores::done).toList();

    Chat chat =
        done(store.chats().findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))).orElseThrow();
    assertThat(sent).extracting(Message::chatId).containsOnly(chat.id());
    assertThat(sent)
        .extracting(Message::seq)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    assertThat(chat.lastSeq()).isEqualTo(100);
    assertThat(chat.unreadFor(ALICE) + chat.unreadFor(BOB)).isEqualTo(100);
    assertThat(chat.unreadFor(ALICE)).isEqualTo(50);
    List<Message> stored = done(store.messages().earliestAfter(chat.id(), 0, 200));
    assertThat(stored)
        .extracting(Message::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    assertThat(done(store.chats().partnersOf(ALICE))).containsExactly(BOB);
  }

  @Test
  void theFirstMessageCreatesTheChatWithTheRecipientsUnreadOnly() {
    Chat candidate = candidate();
    NewMessage first = newMessage(ALICE, 1);

    Chat chat = done(store.chats().recordMessage(candidate, first, Optional.empty()));

    assertThat(chat.id()).isEqualTo(candidate.id());
    assertThat(chat.lastSeq()).isEqualTo(1);
    assertThat(chat.lastMessage()).contains(first.at(candidate.id(), 1));
    assertThat(chat.member(BOB)).isEqualTo(new MemberState(0, 0, 1));
    assertThat(chat.member(ALICE)).isEqualTo(MemberState.NEW);
    assertThat(chat.createdAt()).isEqualTo(T0);
    assertThat(chat.updatedAt()).isEqualTo(first.createdAt());
    assertThat(done(store.chats().findById(candidate.id()))).contains(chat);
  }

  @Test
  void aRetriedSendIsAnsweredWithTheStoredMessage() {
    NewMessage message = newMessage(ALICE, 1);
    Message stored = done(send(message));
    Chat chat = done(store.chats().recordMessage(candidate(), message, Optional.empty()));

    var retry = done(store.messages().insert(message.at(chat.id(), chat.lastSeq())));

    assertThat(retry.created()).isFalse();
    assertThat(retry.message()).isEqualTo(stored);
  }

  @Test
  void compareAndSetMovesAMembersMarksOnlyFromTheExpectedState() {
    Chat chat =
        done(store.chats().recordMessage(candidate(), newMessage(ALICE, 1), Optional.empty()));
    MemberState bob = chat.member(BOB);
    MemberState read = bob.readUpTo(1, 0);

    boolean stale = done(store.chats().compareAndSetMember(chat.id(), BOB, 0, bob, read));
    boolean moved = done(store.chats().compareAndSetMember(chat.id(), BOB, 1, bob, read));
    boolean again = done(store.chats().compareAndSetMember(chat.id(), BOB, 1, bob, read));

    assertThat(stale).isFalse();
    assertThat(moved).isTrue();
    assertThat(again).isFalse();
    assertThat(done(store.chats().findById(chat.id())).orElseThrow().member(BOB)).isEqualTo(read);
  }
}
