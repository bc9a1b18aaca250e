package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.Revision;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How revised messages are stored (read back raw through the driver), and what a revision sends to
 * the store (counted by a command listener, as in {@link GroupStorageTest}): the cost model of the
 * README, checked.
 */
class RevisionStorageTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final String THUMBS_UP = "\uD83D\uDC4D";

  private static CommandLog log;
  private static List<String> commands;
  private static List<BsonDocument> updates;

  private MongoDatabase database;
  private MongoStore store;

  @BeforeAll
  static void start() {
    log = new CommandLog();
    commands = log.commands;
    updates = log.updates;
  }

  @AfterAll
  static void stop() {
    log.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = log.freshDatabase("r");
    store = done(MongoStore.of(database).createIndexes());
    commands.clear();
    updates.clear();
  }

  private MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }

  private List<Document> all(String name) {
    return done(Stages.list(collection(name).find().sort(new Document("_id", 1))));
  }

  private Document raw(String collection, String id) {
    return done(Stages.first(collection(collection).find(new Document("_id", id)))).orElseThrow();
  }

  private Document rawMessage(Message message) {
    return raw(MongoStore.MESSAGES, message.chatId().value() + ":" + message.seq());
  }

  private Document rawChat(ChatId chat) {
    return raw(MongoStore.CHATS, chat.value());
  }

  /** A message sent as the service sends one: the chat's step, then the message's insert. */
  private Message send(Chat chat, NewMessage message) {
    Chat after = done(store.chats().recordMessage(chat, message, Optional.empty()));
    Message stored = message.at(after.id(), after.lastSeq());
    done(store.messages().insert(stored));
    return stored;
  }

  /** A revision written as the service writes one: the message, then the chat. */
  private void revise(Message revised, boolean last) {
    done(store.messages().revise(revised));
    done(
        store
            .chats()
            .recordRevision(
                revised.chatId(),
                revised.change(),
                last ? Optional.of(revised) : Optional.empty()));
  }

  private NewMessage text(UserId sender, String text, int second) {
    return new NewMessage(
        store.ids().newMessageId(),
        sender,
        MessageText.of(text),
        T0.plusSeconds(second),
        Optional.empty());
  }

  private Chat pair() {
    return pair(BOB);
  }

  private Chat pair(UserId other) {
    return Chat.start(
        store.ids().newChatId(), ALICE, other, SupportDesk.defaults(), Optional.empty(), T0);
  }

  @Test
  void aLiveTextMessageKeepsItsSearchWordsAndOnlyIt() {
    Chat group = Chat.startGroup(store.ids().newChatId(), GroupProfile.named("Club"), false, T0);
    Message created =
        send(
            group,
            NewMessage.system(
                store.ids().newMessageId(), SystemEvent.created(ALICE, "Club", List.of(BOB)), T0));
    Message text = send(group, text(BOB, "Cr\u00e8me br\u00fbl\u00e9e, cr\u00e8me!", 1));
    Message noWords = send(group, text(ALICE, "\uD83D\uDE00 \uD83D\uDE00", 2));

    assertThat(rawMessage(text).getList("w", String.class)).containsExactly("creme", "brulee");
    assertThat(rawMessage(created)).doesNotContainKey("w");
    assertThat(rawMessage(noWords)).doesNotContainKey("w");
    assertThat(rawChat(group.id()).get("lastMessage", Document.class))
        .as("the chat's copy of the last message needs no words")
        .doesNotContainKey("w");

    revise(text.edited(MessageText.of("Tarte tatin"), T0.plusSeconds(5), 1), false);

    assertThat(rawMessage(text).getList("w", String.class)).containsExactly("tarte", "tatin");
    assertThat(rawMessage(text).getString("text")).isEqualTo("Tarte tatin");
  }

  @Test
  void aMessageDeletedForEveryoneKeepsNoTextMentionsOrWordsAnywhere() {
    Chat group = Chat.startGroup(store.ids().newChatId(), GroupProfile.named("Club"), false, T0);
    Message quoted = send(group, text(BOB, "what time?", 1));
    NewMessage secret =
        new NewMessage(
            store.ids().newMessageId(),
            ALICE,
            MessageText.of("@bob the secret code is 4711"),
            T0.plusSeconds(2),
            Optional.of(ClientMessageId.of("c-2")),
            Optional.empty(),
            List.of(BOB),
            Optional.of(quoted.id()),
            false);
    Message sent = send(group, secret);
    Message reacted =
        sent.withReactions(List.of(new Reaction(THUMBS_UP, 1)), 1)
            .withPin(Optional.of(new Pin(BOB, T0.plusSeconds(3))), 2);
    revise(reacted, true);
    assertThat(rawMessage(sent))
        .as("before: the message has all of it")
        .containsKeys("text", "mentions", "w", "replyTo", "reactions", "pin");
    assertThat(rawChat(group.id()).get("lastMessage", Document.class))
        .containsKeys("text", "mentions", "replyTo", "reactions", "pin");

    Message tombstone = reacted.deletedForEveryone(T0.plusSeconds(4), 3);
    revise(tombstone, true);

    Document message = rawMessage(sent);
    assertThat(message)
        .doesNotContainKeys("text", "mentions", "w", "replyTo", "reactions", "pin")
        .containsEntry("change", 3L)
        .containsEntry("deletedAt", Date.from(T0.plusSeconds(4)))
        .containsEntry("seq", 2L)
        .containsEntry("sender", "alice")
        .containsEntry("ik", group.id().value() + ":alice:c-2");
    assertThat(message.toJson()).doesNotContain("4711");
    Document chat = rawChat(group.id());
    Document last = chat.get("lastMessage", Document.class);
    assertThat(last)
        .doesNotContainKeys("text", "mentions", "w", "replyTo", "reactions", "pin")
        .containsEntry("mid", sent.id().value())
        .containsEntry("change", 3L);
    assertThat(chat.toJson()).doesNotContain("4711");
    assertThat(chat)
        .containsEntry("lastChange", 3L)
        .containsEntry("updatedAt", Date.from(T0.plusSeconds(2)));
    assertThat(done(store.messages().findById(sent.id()))).contains(tombstone);
    assertThat(done(store.chats().findById(group.id())).flatMap(Chat::lastMessage))
        .contains(tombstone);
  }

  @Test
  void aRevisionIsStoredFieldByFieldAndOnlyAsFarAsItGoes() {
    Message sent = send(pair(), text(ALICE, "hello", 1));
    assertThat(rawMessage(sent))
        .as("a message never revised has none of the revision's fields")
        .doesNotContainKeys(
            "change",
            "editedAt",
            "deletedAt",
            "reactions",
            "pin",
            "hiddenFor",
            "replyTo",
            "forwarded");

    Message revised =
        sent.edited(MessageText.of("hello there"), T0.plusSeconds(2), 1)
            .withReactions(List.of(new Reaction(THUMBS_UP, 2), new Reaction("\u2764\uFE0F", 1)), 2)
            .withPin(Optional.of(new Pin(BOB, T0.plusSeconds(3))), 3)
            .hiddenFor(BOB, 4);
    revise(revised, true);

    Document stored = rawMessage(sent);
    assertThat(stored)
        .containsEntry("change", 4L)
        .containsEntry("editedAt", Date.from(T0.plusSeconds(2)))
        .containsEntry("hiddenFor", List.of("bob"))
        .doesNotContainKey("deletedAt");
    assertThat(stored.getList("reactions", Document.class))
        .containsExactly(
            new Document("e", THUMBS_UP).append("n", 2L),
            new Document("e", "\u2764\uFE0F").append("n", 1L));
    assertThat(stored.get("pin", Document.class))
        .isEqualTo(new Document("by", "bob").append("at", Date.from(T0.plusSeconds(3))));

    Message unpinned = revised.withPin(Optional.empty(), 5);
    revise(unpinned, true);

    assertThat(rawMessage(sent)).doesNotContainKey("pin").containsEntry("change", 5L);
    assertThat(rawChat(sent.chatId()).get("lastMessage", Document.class))
        .doesNotContainKey("pin")
        .containsEntry("change", 5L);
  }

  @Test
  void messagesOfReleasesBeforeSearchGetTheirWordsAtTheNextStartOnce() {
    ChatId chat = store.ids().newChatId();
    List<Document> old = new ArrayList<>();
    for (int seq = 1; seq <= 1_005; seq++) {
      old.add(
          new Document("_id", Codec.messageKey(chat, seq))
              .append("mid", store.ids().newMessageId().value())
              .append("chatId", chat.value())
              .append("seq", (long) seq)
              .append("sender", "alice")
              .append("text", seq == 1_005 ? "Crème brûlée at noon" : "message " + seq)
              .append("createdAt", Date.from(T0.plusSeconds(seq))));
    }
    done(Stages.done(collection(MongoStore.MESSAGES).insertMany(old)));
    // A store of an earlier release: no mark (this test's fresh store was marked at its creation).
    done(Stages.done(collection(SearchWordsMigration.MIGRATIONS).deleteMany(new Document())));
    List<SearchScope> scopes = List.of(new SearchScope(chat, 1, 1_005));
    assertThat(done(store.messages().search(BOB, List.of("creme"), scopes, Optional.empty(), 10)))
        .isEmpty();

    done(store.createIndexes());

    assertThat(done(store.messages().search(BOB, List.of("creme"), scopes, Optional.empty(), 10)))
        .extracting(m -> m.seq())
        .containsExactly(1_005L);
    assertThat(raw(MongoStore.MESSAGES, Codec.messageKey(chat, 1)).getList("w", String.class))
        .containsExactly("message", "1");
    assertThat(raw(SearchWordsMigration.MIGRATIONS, SearchWordsMigration.NAME).getString("after"))
        .as("the last _id of the first page of 1,000, kept for a start stopped there")
        .isEqualTo(old.stream().map(d -> d.getString("_id")).sorted().toList().get(999));
    // Done once: a later start looks at the mark, not at the messages.
    updates.clear();
    done(store.createIndexes());
    assertThat(updates).isEmpty();
  }

  @Test
  void messagesAndChatsOfThePreviousReleaseReadAsNeverRevisedAndTakeRevisions() {
    ChatId chat = store.ids().newChatId();
    MessageId id = store.ids().newMessageId();
    Document oldMessage =
        new Document("_id", chat.value() + ":1")
            .append("mid", id.value())
            .append("chatId", chat.value())
            .append("seq", 1L)
            .append("sender", "alice")
            .append("text", "hello from 0.1")
            .append("createdAt", Date.from(T0));
    Document oldChat =
        new Document("_id", chat.value())
            .append("type", "user_chat")
            .append("pairKey", "alice:bob")
            .append("participants", List.of("alice", "bob"))
            .append("lastSeq", 1L)
            .append(
                "lastMessage",
                new Document("mid", id.value())
                    .append("sender", "alice")
                    .append("text", "hello from 0.1")
                    .append("createdAt", Date.from(T0)))
            .append(
                "members",
                new Document(
                        "alice",
                        new Document("readSeq", 1L).append("clearedSeq", 0L).append("unread", 0L))
                    .append("bob", new Document("readSeq", 0L).append("unread", 1L)))
            .append("createdAt", Date.from(T0))
            .append("updatedAt", Date.from(T0));
    done(Stages.done(collection(MongoStore.MESSAGES).insertOne(oldMessage)));
    done(Stages.done(collection(MongoStore.CHATS).insertOne(oldChat)));

    Message message = done(store.messages().findById(id)).orElseThrow();
    Chat stored = done(store.chats().findById(chat)).orElseThrow();

    assertThat(message.revision()).isEqualTo(Revision.NONE);
    assertThat(message.replyTo()).isEmpty();
    assertThat(message.forwarded()).isFalse();
    assertThat(stored.lastChange()).isZero();
    assertThat(stored.lastMessage()).contains(message);
    assertThat(stored.pair()).isEqualTo(PairKey.of(ALICE, BOB));
    assertThat(stored.member(BOB)).isEqualTo(new MemberState(0, 0, 1));

    Message edited = message.edited(MessageText.of("hello from 0.2"), T0.plusSeconds(1), 1);
    revise(edited, true);

    assertThat(done(store.messages().findById(id))).contains(edited);
    Chat after = done(store.chats().findById(chat)).orElseThrow();
    assertThat(after.lastMessage()).contains(edited);
    assertThat(after.lastChange()).isEqualTo(1);
    assertThat(done(store.messages().revisedBetween(chat, 0, 1, 10))).containsExactly(edited);
    assertThat(done(store.chats().findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))))
        .map(Chat::lastChange)
        .contains(1L);
  }

  @Test
  void anEditOfAnOldMessageIsOneUpdateOfOneMessageAndOneOfTheChatWhateverTheHistory() {
    List<String> shortHistory = editOfTheFirstMessage(10);
    List<String> longHistory = editOfTheFirstMessage(3_000);

    // The service's reads (the chat and the message by a primary key, the probe for a revision cut
    // short: a range of the partial index of revised messages, empty), then its two writes.
    assertThat(shortHistory)
        .containsExactly(
            "find chats", "find messages", "find messages", "update messages", "update chats");
    assertThat(longHistory).isEqualTo(shortHistory);
  }

  /**
   * Stores a chat of {@code length} messages, then edits its first message as the service does, and
   * answers the commands the edit sent. Checks on the way that the edit changed exactly one message
   * document, by its place, and the chat's change number only.
   */
  private List<String> editOfTheFirstMessage(int length) {
    Chat chat = pair(UserId.of("friend-" + length));
    List<Document> history = new ArrayList<>();
    Message first = null;
    Message last = null;
    for (int seq = 1; seq <= length; seq++) {
      Message message = text(seq % 2 == 0 ? BOB : ALICE, "message " + seq, seq).at(chat.id(), seq);
      history.add(Codec.messageDocument(message));
      first = seq == 1 ? message : first;
      last = message;
    }
    for (int from = 0; from < history.size(); from += 1_000) {
      List<Document> batch = history.subList(from, Math.min(history.size(), from + 1_000));
      done(Stages.done(collection(MongoStore.MESSAGES).insertMany(batch)));
    }
    Chat stored =
        Chat.restore(
            chat.id(),
            chat.type(),
            chat.pair(),
            length,
            Optional.of(last),
            chat.members(),
            Optional.empty(),
            T0,
            last.createdAt());
    done(Stages.done(collection(MongoStore.CHATS).insertOne(Codec.chatDocument(stored))));
    List<Document> messagesBefore = all(MongoStore.MESSAGES);
    Document chatBefore = rawChat(chat.id());
    MessageId firstId = first.id();

    commands.clear();
    updates.clear();
    Chat current = done(store.chats().findById(chat.id())).orElseThrow();
    Message message = done(store.messages().findById(firstId)).orElseThrow();
    assertThat(
            done(
                store
                    .messages()
                    .revisedBetween(chat.id(), current.lastChange(), Long.MAX_VALUE, 1)))
        .isEmpty();
    Message edited =
        message.edited(
            MessageText.of("edited"), T0.plusSeconds(length + 1), current.lastChange() + 1);
    revise(edited, false);
    List<String> sent = List.copyOf(commands);

    assertThat(updates).hasSize(2);
    for (BsonDocument update : updates) {
      assertThat(update.getArray("updates")).as("one statement per update").hasSize(1);
      assertThat(
              update
                  .getArray("updates")
                  .get(0)
                  .asDocument()
                  .getBoolean("multi", org.bson.BsonBoolean.FALSE)
                  .getValue())
          .isFalse();
    }
    assertThat(
            updates
                .get(0)
                .getArray("updates")
                .get(0)
                .asDocument()
                .getDocument("q")
                .getString("_id")
                .getValue())
        .isEqualTo(chat.id().value() + ":1");
    assertThat(
            updates
                .get(1)
                .getArray("updates")
                .get(0)
                .asDocument()
                .getDocument("q")
                .getString("_id")
                .getValue())
        .isEqualTo(chat.id().value());
    List<Document> changed = new ArrayList<>(all(MongoStore.MESSAGES));
    changed.removeAll(messagesBefore);
    assertThat(changed)
        .extracting(d -> d.getString("_id"))
        .containsExactly(chat.id().value() + ":1");
    Document chatAfter = rawChat(chat.id());
    assertThat(chatAfter).containsEntry("lastChange", 1L);
    chatAfter.remove("lastChange");
    assertThat(chatAfter).isEqualTo(chatBefore);
    return sent;
  }

  @Test
  void anEditOfTheLastMessageIsStillOneUpdateOfTheChat() {
    Chat chat = pair();
    send(chat, text(ALICE, "first", 1));
    Message last = send(chat, text(BOB, "second", 2));

    commands.clear();
    revise(last.edited(MessageText.of("second, edited"), T0.plusSeconds(3), 1), true);

    assertThat(commands).containsExactly("update messages", "update chats");
    assertThat(rawChat(chat.id()).get("lastMessage", Document.class).getString("text"))
        .isEqualTo("second, edited");
  }

  @Test
  void aReactionIsOneDocumentPerMessageAndUserAndOneWrite() {
    Message message = send(pair(), text(ALICE, "react to me", 1));

    commands.clear();
    boolean had = done(store.reactions().set(message, BOB, THUMBS_UP, true));

    assertThat(had).isFalse();
    assertThat(commands).containsExactly("findAndModify reactions");
    assertThat(all(MongoStore.REACTIONS))
        .containsExactly(
            new Document("_id", message.id().value() + "|bob")
                .append("m", message.id().value())
                .append("u", "bob")
                .append("e", List.of(THUMBS_UP)));

    commands.clear();
    done(store.reactions().mine(BOB, List.of(message.id(), store.ids().newMessageId())));
    assertThat(commands).containsExactly("find reactions");
  }

  @Test
  void revisedPinnedAndFoundByIdsAreOneQueryEach() {
    Chat chat = pair();
    Message first = send(chat, text(ALICE, "first", 1));
    Message second = send(chat, text(BOB, "second", 2));
    revise(first.withPin(Optional.of(new Pin(BOB, T0.plusSeconds(3))), 1), false);

    commands.clear();
    done(store.messages().revisedBetween(chat.id(), 0, 1, 10));
    done(store.messages().pinned(chat.id(), 10));
    done(store.messages().findByIds(List.of(first.id(), second.id())));

    assertThat(commands).containsExactly("find messages", "find messages", "find messages");
  }

  @Test
  void revisionsOfAMessageNamedByItsPlaceAndMoreAreAnsweredAsByAScan() {
    // The embedded store answers {_id, change: ...} from its primary index (ByIdFirst): the same
    // documents as a scan, for a guard that holds and for one that does not.
    Message sent = send(pair(), text(ALICE, "guarded", 1));
    MongoCollection<Document> messages = collection(MongoStore.MESSAGES);
    String place = sent.chatId().value() + ":" + sent.seq();

    long matchedWhileLower =
        done(Stages.single(
                messages.updateOne(
                    new Document("_id", place)
                        .append("change", new Document("$not", new Document("$gte", 2L))),
                    new Document("$set", new Document("change", 2L)))))
            .getMatchedCount();
    long matchedOnceHigher =
        done(Stages.single(
                messages.updateOne(
                    new Document("_id", place)
                        .append("change", new Document("$not", new Document("$gte", 1L))),
                    new Document("$set", new Document("change", 1L)))))
            .getMatchedCount();
    List<Document> found =
        done(
            Stages.list(
                messages.find(
                    new Document("_id", place).append("sender", "alice").append("seq", 1L))));
    List<Document> notFound =
        done(Stages.list(messages.find(new Document("_id", place).append("sender", "bob"))));

    assertThat(matchedWhileLower).isEqualTo(1);
    assertThat(matchedOnceHigher).isZero();
    assertThat(found).extracting(d -> d.getLong("change")).containsExactly(2L);
    assertThat(notFound).isEmpty();
  }
}
