package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.application.testing.Users;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReactionRepository} promises: each user's own emoji per message, set and taken
 * back idempotently with an answer that tells whether the user had the emoji before (whatever the
 * concurrency), a user's reactions to a page of messages at once, and a count per message and
 * emoji.
 */
public abstract class ReactionRepositoryContract {
  private static final String THUMBS_UP = "\uD83D\uDC4D";
  private static final String HEART = "\u2764\uFE0F";
  private static final String LAUGH = "\uD83D\uDE02";
  private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

  private final ObjectIdGenerator ids = Ids.seeded(14L);
  private final Messages messages = new Messages(ids);
  private final ChatId chat = ids.newChatId();
  private ReactionRepository repository;

  /** A repository of its own, empty, for each test. */
  protected abstract ReactionRepository newRepository();

  @BeforeEach
  void startEmpty() {
    repository = newRepository();
  }

  @Test
  void settingAnEmojiAnswersWhetherTheUserHadItBefore() {
    Message message = message(1);

    assertThat(done(repository.set(message, ALICE, THUMBS_UP, true))).isFalse();
    assertThat(done(repository.set(message, ALICE, THUMBS_UP, true)))
        .as("a retry: she had it")
        .isTrue();
    assertThat(done(repository.count(message.id(), THUMBS_UP))).isEqualTo(1);
    assertThat(done(repository.mine(ALICE, List.of(message.id()))))
        .isEqualTo(Map.of(message.id(), Set.of(THUMBS_UP)));

    assertThat(done(repository.set(message, ALICE, THUMBS_UP, false))).isTrue();
    assertThat(done(repository.set(message, ALICE, THUMBS_UP, false)))
        .as("a retry: she no longer had it")
        .isFalse();
    assertThat(done(repository.count(message.id(), THUMBS_UP))).isZero();
    assertThat(done(repository.mine(ALICE, List.of(message.id())))).isEmpty();
  }

  @Test
  void takingBackAnEmojiNeverSetAnswersFalseAndChangesNothing() {
    Message message = message(1);
    done(repository.set(message, BOB, HEART, true));

    assertThat(done(repository.set(message, ALICE, HEART, false))).isFalse();
    assertThat(done(repository.set(message, BOB, THUMBS_UP, false))).isFalse();

    assertThat(done(repository.count(message.id(), HEART))).isEqualTo(1);
    assertThat(done(repository.mine(ALICE, List.of(message.id())))).isEmpty();
    assertThat(done(repository.mine(BOB, List.of(message.id()))))
        .isEqualTo(Map.of(message.id(), Set.of(HEART)));
  }

  @Test
  void eachUserHasTheirOwnEmojiAndEachEmojiItsCount() {
    Message message = message(1);
    done(repository.set(message, ALICE, THUMBS_UP, true));
    done(repository.set(message, BOB, THUMBS_UP, true));
    done(repository.set(message, BOB, HEART, true));
    done(repository.set(message, CAROL, FAMILY, true));

    assertThat(done(repository.count(message.id(), THUMBS_UP))).isEqualTo(2);
    assertThat(done(repository.count(message.id(), HEART))).isEqualTo(1);
    assertThat(done(repository.count(message.id(), FAMILY))).isEqualTo(1);
    assertThat(done(repository.count(message.id(), LAUGH))).isZero();
    assertThat(done(repository.mine(BOB, List.of(message.id()))))
        .isEqualTo(Map.of(message.id(), Set.of(THUMBS_UP, HEART)));
    assertThat(done(repository.mine(CAROL, List.of(message.id()))))
        .isEqualTo(Map.of(message.id(), Set.of(FAMILY)));
  }

  @Test
  void countsAreKeptPerMessage() {
    Message first = message(1);
    Message second = message(2);
    done(repository.set(first, ALICE, THUMBS_UP, true));
    done(repository.set(first, BOB, THUMBS_UP, true));
    done(repository.set(second, CAROL, THUMBS_UP, true));

    assertThat(done(repository.count(first.id(), THUMBS_UP))).isEqualTo(2);
    assertThat(done(repository.count(second.id(), THUMBS_UP))).isEqualTo(1);
    assertThat(done(repository.count(ids.newMessageId(), THUMBS_UP))).isZero();
  }

  @Test
  void mineAnswersAUsersReactionsToEachMessageOfAPageThatHasAny() {
    Message first = message(1);
    Message second = message(2);
    Message third = message(3);
    Message fourth = message(4);
    Message fifth = message(5);
    done(repository.set(first, ALICE, THUMBS_UP, true));
    done(repository.set(second, BOB, HEART, true));
    done(repository.set(third, ALICE, LAUGH, true));
    done(repository.set(third, ALICE, THUMBS_UP, true));
    done(repository.set(fourth, ALICE, HEART, true));
    done(repository.set(fourth, ALICE, HEART, false));
    done(repository.set(fifth, ALICE, HEART, true));
    MessageId unknown = ids.newMessageId();

    Map<MessageId, Set<String>> mine =
        done(
            repository.mine(
                ALICE, List.of(first.id(), second.id(), third.id(), fourth.id(), unknown)));

    assertThat(mine)
        .isEqualTo(Map.of(first.id(), Set.of(THUMBS_UP), third.id(), Set.of(LAUGH, THUMBS_UP)));
    assertThat(done(repository.mine(ALICE, List.of()))).isEmpty();
    assertThat(done(repository.mine(CAROL, List.of(first.id(), second.id())))).isEmpty();
  }

  @Test
  void concurrentReactionsOfManyUsersAreEachCountedOnce() {
    Message message = message(1);
    int count = 24;

    List<Boolean> hadIt =
        Concurrently.call(count, i -> repository.set(message, Users.numbered(i), THUMBS_UP, true));

    assertThat(hadIt).containsOnly(false);
    assertThat(done(repository.count(message.id(), THUMBS_UP))).isEqualTo(count);
  }

  @Test
  void concurrentRetriesOfOneReactionAnswerThatItWasNewExactlyOnce() {
    Message message = message(1);
    int count = 16;

    List<Boolean> hadIt =
        Concurrently.call(count, i -> repository.set(message, ALICE, HEART, true));

    assertThat(hadIt).containsOnlyOnce(false);
    assertThat(done(repository.count(message.id(), HEART))).isEqualTo(1);
    assertThat(done(repository.mine(ALICE, List.of(message.id()))))
        .isEqualTo(Map.of(message.id(), Set.of(HEART)));
  }

  private Message message(long seq) {
    return messages.message(chat, seq, BOB, at(seq));
  }
}
