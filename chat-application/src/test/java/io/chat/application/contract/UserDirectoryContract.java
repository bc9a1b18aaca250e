package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.UserDirectory;
import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserDirectory} promises: one profile per id, kept as saved. */
public abstract class UserDirectoryContract {
  private UserDirectory directory;

  /** A directory of its own, empty, for each test. */
  protected abstract UserDirectory newDirectory();

  @BeforeEach
  void startEmpty() {
    directory = newDirectory();
  }

  @Test
  void anUnknownUserHasNoProfile() {
    assertThat(done(directory.find(ALICE))).isEmpty();
  }

  @Test
  void aSavedProfileIsFoundAsSaved() {
    UserProfile plain = Users.profile(ALICE);
    UserProfile verified = Users.verifiedProfileWithPicture(BOB);
    UserProfile objectIdUser = Users.profile(UserId.of("65f0c0ffee0000000000abcd"));

    done(directory.save(plain));
    done(directory.save(verified));
    done(directory.save(objectIdUser));

    assertThat(done(directory.find(ALICE))).contains(plain);
    assertThat(done(directory.find(BOB))).contains(verified);
    assertThat(done(directory.find(UserId.of("65F0C0FFEE0000000000ABCD")))).contains(objectIdUser);
  }

  @Test
  void savingAgainReplacesTheProfile() {
    done(directory.save(Users.verifiedProfileWithPicture(ALICE)));
    UserProfile renamed = new UserProfile(ALICE, "Alice Renamed", Optional.empty(), false);

    done(directory.save(renamed));

    assertThat(done(directory.find(ALICE))).contains(renamed);
  }

  @Test
  void findAllAnswersTheKnownProfilesByIdAndSkipsTheUnknown() {
    done(directory.save(Users.profile(ALICE)));
    done(directory.save(Users.verifiedProfileWithPicture(BOB)));
    done(directory.save(Users.profile(CAROL)));

    Map<UserId, UserProfile> found =
        done(directory.findAll(List.of(ALICE, BOB, UserId.of("stranger"))));

    assertThat(found)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ALICE, Users.profile(ALICE), BOB, Users.verifiedProfileWithPicture(BOB)));
  }

  @Test
  void findAllOfNoIdsIsEmpty() {
    done(directory.save(Users.profile(ALICE)));

    assertThat(done(directory.findAll(List.of()))).isEmpty();
  }
}
