package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Times;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MuteSettings} promises: at most one mute per user and chat, kept as saved. */
public abstract class MuteSettingsContract {
  private final ObjectIdGenerator ids = Ids.seeded(7L);
  private final ChatId one = ids.newChatId();
  private final ChatId two = ids.newChatId();
  private final ChatId three = ids.newChatId();
  private MuteSettings mutes;

  /** Mute settings of their own, empty, for each test. */
  protected abstract MuteSettings newMuteSettings();

  @BeforeEach
  void startEmpty() {
    mutes = newMuteSettings();
  }

  @Test
  void aChatNeverMutedHasNoMute() {
    assertThat(done(mutes.find(ALICE, one))).isEmpty();
  }

  @Test
  void aSavedMuteIsFoundAsSaved() {
    Mute untilTomorrow = new Mute(ALICE, one, Optional.of(Times.atMillis(86_400_123)));
    Mute forEver = new Mute(ALICE, two, Optional.empty());

    done(mutes.save(untilTomorrow));
    done(mutes.save(forEver));

    assertThat(done(mutes.find(ALICE, one))).contains(untilTomorrow);
    assertThat(done(mutes.find(ALICE, two))).contains(forEver);
  }

  @Test
  void savingAgainReplacesTheUsersMuteOfThatChat() {
    done(mutes.save(new Mute(ALICE, one, Optional.empty())));
    Mute later = new Mute(ALICE, one, Optional.of(at(3600)));

    done(mutes.save(later));

    assertThat(done(mutes.find(ALICE, one))).contains(later);
    assertThat(done(mutes.findAll(ALICE, List.of(one))))
        .containsExactlyEntriesOf(Map.of(one, later));
  }

  @Test
  void aMuteIsItsUsersOnly() {
    done(mutes.save(new Mute(ALICE, one, Optional.empty())));

    assertThat(done(mutes.find(BOB, one))).isEmpty();
    assertThat(done(mutes.findAll(BOB, List.of(one)))).isEmpty();
  }

  @Test
  void removingAMuteForgetsItAndOnlyIt() {
    Mute bobs = new Mute(BOB, one, Optional.empty());
    Mute alicesOther = new Mute(ALICE, two, Optional.empty());
    done(mutes.save(new Mute(ALICE, one, Optional.empty())));
    done(mutes.save(bobs));
    done(mutes.save(alicesOther));

    done(mutes.remove(ALICE, one));

    assertThat(done(mutes.find(ALICE, one))).isEmpty();
    assertThat(done(mutes.find(BOB, one))).contains(bobs);
    assertThat(done(mutes.find(ALICE, two))).contains(alicesOther);
  }

  @Test
  void removingAMissingMuteIsFine() {
    done(mutes.remove(ALICE, one));

    assertThat(done(mutes.find(ALICE, one))).isEmpty();
  }

  @Test
  void findAllAnswersTheUsersMutesOfTheAskedChatsByChat() {
    Mute first = new Mute(ALICE, one, Optional.empty());
    Mute third = new Mute(ALICE, three, Optional.of(at(60)));
    done(mutes.save(first));
    done(mutes.save(new Mute(ALICE, two, Optional.empty())));
    done(mutes.save(third));
    ChatId bobsChat = ids.newChatId();
    done(mutes.save(new Mute(BOB, bobsChat, Optional.empty())));

    Map<ChatId, Mute> found =
        done(mutes.findAll(ALICE, List.of(one, three, bobsChat, ids.newChatId())));

    assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of(one, first, three, third));
  }

  @Test
  void findAllOfNoChatsIsEmpty() {
    done(mutes.save(new Mute(ALICE, one, Optional.empty())));

    assertThat(done(mutes.findAll(ALICE, List.of()))).isEmpty();
  }
}
