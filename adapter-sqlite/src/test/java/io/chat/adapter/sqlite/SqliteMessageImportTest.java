package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.SearchScope;
import io.chat.application.testing.Times;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one-time import of an older store: a message stored by {@code importMessage} (inside a write
 * the importer opens) reads back through the port exactly as it was, every field of it, and is
 * found by search as a sent one is; a reaction stored by {@code importReaction} likewise.
 */
class SqliteMessageImportTest extends MessageStoreFixture {
  private static final String THUMBS_UP = "\uD83D\uDC4D";
  private static final String HEART = "\u2764\uFE0F";

  SqliteMessageImportTest() {
    super(16L);
  }

  @Test
  void importedMessagesReadBackAsTheyWereWithEveryField() {
    Message quoted = text(1, BOB, "the original question", at(1));
    Message everything =
        new NewMessage(
                ids.newMessageId(),
                ALICE,
                MessageText.of("@bob @carol forwarded: the Answer is 42"),
                Times.atMillis(2_001),
                Optional.of(ClientMessageId.of("c-2")),
                Optional.empty(),
                List.of(BOB, CAROL),
                Optional.of(quoted.id()),
                true)
            .at(chat, 2)
            .edited(MessageText.of("@bob @carol forwarded: the Answer is 43"), at(5), 3)
            .withReactions(List.of(new Reaction(HEART, 3), new Reaction(THUMBS_UP, 1)), 4)
            .withPin(Optional.of(new Pin(CAROL, Times.atMillis(6_006))), 5)
            .hiddenFor(CAROL, 6)
            .hiddenFor(UserId.of("dave"), 7);
    Message tombstone =
        text(3, BOB, "gone soon", at(3))
            .edited(MessageText.of("gone sooner"), at(4), 1)
            .hiddenFor(ALICE, 2)
            .deletedForEveryone(at(8), 8);
    Message system =
        NewMessage.system(
                ids.newMessageId(),
                new SystemEvent(
                    SystemEvent.Type.GROUP_UPDATED,
                    ALICE,
                    List.of(BOB, CAROL),
                    Optional.of(GroupRole.ADMIN),
                    Optional.of("Name: with 12:colons"),
                    List.of("name", "avatarUrl")),
                at(9))
            .at(chat, 4);
    List<Message> all = List.of(quoted, everything, tombstone, system);

    done(
        store.write(
            session -> {
              for (Message message : all) {
                SqliteMessageRepository.importMessage(session, message);
              }
              return null;
            }));

    for (Message message : all) {
      assertThat(done(store.messages().findById(message.id()))).contains(message);
    }
    assertThat(done(store.messages().earliestAfter(chat, 0, 10))).containsExactlyElementsOf(all);
    assertThat(done(store.messages().findByClientMessageId(chat, ALICE, ClientMessageId.of("c-2"))))
        .contains(everything);
    assertThat(done(store.messages().pinned(chat, 10))).containsExactly(everything);
    assertThat(done(store.messages().revisedBetween(chat, 0, 100, 10)))
        .containsExactly(everything, tombstone);
    assertThat(done(store.messages().countUnread(chat, ALICE, 0, 4, 999))).isEqualTo(2);
    assertThat(search(BOB, "answer 43")).containsExactly(everything);
    assertThat(search(CAROL, "answer")).as("hidden for Carol").isEmpty();
    assertThat(search(BOB, "42")).as("words of before the edit").isEmpty();
    assertThat(search(BOB, "gone")).as("a tombstone").isEmpty();
    assertThat(search(BOB, "colons")).as("a system entry").isEmpty();
    assertThat(search(BOB, "original")).containsExactly(quoted);
  }

  @Test
  void anImportedMessageThatIsStoredAlreadyFailsTheImport() {
    Message message = text(1, BOB, "once", at(1));
    done(store.messages().insert(message));

    Throwable refusal =
        failure(
            store.write(
                session -> {
                  SqliteMessageRepository.importMessage(session, message);
                  return null;
                }));

    assertThat(refusal).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void importedReactionsReadBackThroughThePort() {
    MessageId first = ids.newMessageId();
    MessageId second = ids.newMessageId();

    done(
        store.write(
            session -> {
              SqliteReactionRepository.importReaction(session, first, ALICE, THUMBS_UP);
              SqliteReactionRepository.importReaction(session, first, ALICE, HEART);
              SqliteReactionRepository.importReaction(session, first, BOB, HEART);
              SqliteReactionRepository.importReaction(session, second, ALICE, HEART);
              return null;
            }));

    assertThat(done(store.reactions().mine(ALICE, List.of(first, second))))
        .isEqualTo(Map.of(first, Set.of(THUMBS_UP, HEART), second, Set.of(HEART)));
    assertThat(done(store.reactions().count(first, HEART))).isEqualTo(2);
    assertThat(done(store.reactions().count(first, THUMBS_UP))).isEqualTo(1);
  }

  private List<Message> search(UserId searcher, String query) {
    return done(
        store
            .messages()
            .search(
                searcher,
                SearchTerms.query(query),
                List.of(new SearchScope(chat, 1, Long.MAX_VALUE)),
                Optional.empty(),
                50));
  }

  private Message text(long seq, UserId sender, String text, java.time.Instant at) {
    return new NewMessage(ids.newMessageId(), sender, MessageText.of(text), at, Optional.empty())
        .at(chat, seq);
  }
}
