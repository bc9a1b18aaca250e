package io.chat.adapter.inmemory;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.application.testing.Chats;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.application.testing.Users;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.Message;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory stores answer with snapshots, and as stages: what a caller holds never moves. */
class InMemoryAnswersTest {
  private final Chats chats = new Chats(Ids.seeded(5));
  private final Messages messages = new Messages(Ids.seeded(6));

  @Test
  void answersAreAlreadyComplete() {
    InMemoryChatRepository repository = new InMemoryChatRepository();

    assertThat(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))).toCompletableFuture())
        .isCompleted();
    assertThat(repository.partnersOf(ALICE).toCompletableFuture()).isCompleted();
  }

  @Test
  void aListAnsweredIsASnapshotThatLaterWritesDoNotChange() {
    InMemoryChatRepository repository = new InMemoryChatRepository();
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    done(
        repository.recordMessage(chat, messages.newMessage(ALICE, "one", at(1)), Optional.empty()));
    List<Chat> before = done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10));

    done(repository.recordMessage(chat, messages.newMessage(BOB, "two", at(2)), Optional.empty()));
    done(
        repository.recordMessage(
            chats.userChat(ALICE, CAROL, at(0)),
            messages.newMessage(CAROL, "three", at(3)),
            Optional.empty()));

    assertThat(before).hasSize(1);
    assertThat(before.get(0).lastSeq()).isEqualTo(1);
    assertThatThrownBy(() -> before.add(chat)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void pagesOfMessagesAreSnapshotsThatCannotBeChanged() {
    InMemoryMessageRepository repository = new InMemoryMessageRepository();
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    Message first = messages.message(chat.id(), 1, ALICE, at(1));
    done(repository.insert(first));
    List<Message> page = done(repository.earliestAfter(chat.id(), 0, 10));

    done(repository.insert(messages.message(chat.id(), 2, BOB, at(2))));

    assertThat(page).containsExactly(first);
    assertThatThrownBy(page::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> done(repository.latestBefore(chat.id(), 1, 10, 10)).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void setsAndMapsAnsweredCannotBeChanged() {
    InMemoryBlockList blocks = new InMemoryBlockList();
    InMemoryUserDirectory directory = new InMemoryUserDirectory();
    done(blocks.add(Users.block(ALICE, BOB, at(1))));
    done(directory.save(Users.profile(ALICE)));

    assertThatThrownBy(() -> done(blocks.blockedEitherWay(ALICE)).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> done(directory.findAll(List.of(ALICE))).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void misuseFailsTheStageInsteadOfThrowing() {
    InMemoryChatRepository repository = new InMemoryChatRepository();
    Chat chat = chats.userChat(ALICE, BOB, at(0));

    assertThat(
            failure(
                repository.recordMessage(
                    chat,
                    messages.newMessage(ALICE, "a user chat has no status", at(1)),
                    Optional.of(SupportStatus.OPEN))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failure(repository.listForUser(ALICE, Set.of(), Optional.empty(), 0)))
        .isInstanceOf(IllegalArgumentException.class);
    done(repository.findOrCreate(chat));
    assertThat(
            failure(
                repository.compareAndSetMember(
                    chat.id(), CAROL, 0, MemberState.NEW, new MemberState(0, 0, 0))))
        .hasMessageContaining("not a participant");
    assertThat(done(repository.findById(chat.id())).orElseThrow().lastSeq()).isZero();
  }
}
