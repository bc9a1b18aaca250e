package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.pushToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.PushTokens;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Users;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PushTokens} promises: a token belongs to one user at a time. */
public abstract class PushTokensContract {
  private static final String PHONE = "ExponentPushToken[phone-aaaa]";
  private static final String TABLET = "ExponentPushToken[tablet-bbbb]";
  private static final String BROWSER = "web-push-cccc";

  private PushTokens tokens;

  /** Push tokens of their own, empty, for each test. */
  protected abstract PushTokens newPushTokens();

  @BeforeEach
  void startEmpty() {
    tokens = newPushTokens();
  }

  @Test
  void aUserWithoutTokensHasNone() {
    done(tokens.register(BOB, pushToken(PHONE, "ios")));

    assertThat(done(tokens.tokensOf(ALICE))).isEmpty();
  }

  @Test
  void registeredTokensBelongToTheirUser() {
    PushToken phone = pushToken(PHONE, "ios");
    PushToken browser = new PushToken(BROWSER, Optional.empty());
    PushToken tablet = pushToken(TABLET, "android");

    done(tokens.register(ALICE, phone));
    done(tokens.register(ALICE, browser));
    done(tokens.register(BOB, tablet));

    assertThat(done(tokens.tokensOf(ALICE))).containsExactlyInAnyOrder(phone, browser);
    assertThat(done(tokens.tokensOf(BOB))).containsExactly(tablet);
  }

  @Test
  void registeringATokenAgainKeepsOneAndTakesTheNewPlatform() {
    done(tokens.register(ALICE, new PushToken(PHONE, Optional.empty())));

    done(tokens.register(ALICE, pushToken(PHONE, "android")));

    assertThat(done(tokens.tokensOf(ALICE))).containsExactly(pushToken(PHONE, "android"));
  }

  @Test
  void registeringATokenTakesItFromItsFormerUser() {
    done(tokens.register(ALICE, pushToken(PHONE, "ios")));
    done(tokens.register(ALICE, pushToken(TABLET, "ios")));

    done(tokens.register(BOB, pushToken(PHONE, "ios")));

    assertThat(done(tokens.tokensOf(ALICE))).containsExactly(pushToken(TABLET, "ios"));
    assertThat(done(tokens.tokensOf(BOB))).containsExactly(pushToken(PHONE, "ios"));
  }

  @Test
  void concurrentRegistrationsOfOneTokenLeaveItWithOneUser() {
    int count = 24;
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(Users.numbered(i));
    }

    Concurrently.call(count, i -> tokens.register(users.get(i), pushToken(PHONE, "ios")));

    List<UserId> owners = new ArrayList<>();
    for (UserId user : users) {
      if (!done(tokens.tokensOf(user)).isEmpty()) {
        owners.add(user);
      }
    }
    assertThat(owners).hasSize(1);
    assertThat(done(tokens.tokensOf(owners.get(0)))).containsExactly(pushToken(PHONE, "ios"));
  }

  @Test
  void removingATokenRemovesItFromItsUser() {
    done(tokens.register(ALICE, pushToken(PHONE, "ios")));
    done(tokens.register(ALICE, pushToken(TABLET, "android")));

    done(tokens.remove(ALICE, PHONE));

    assertThat(done(tokens.tokensOf(ALICE))).containsExactly(pushToken(TABLET, "android"));
  }

  @Test
  void removingAnotherUsersTokenLeavesIt() {
    done(tokens.register(ALICE, pushToken(PHONE, "ios")));

    done(tokens.remove(BOB, PHONE));

    assertThat(done(tokens.tokensOf(ALICE))).containsExactly(pushToken(PHONE, "ios"));
  }

  @Test
  void removingAMissingTokenIsFine() {
    done(tokens.remove(ALICE, PHONE));

    assertThat(done(tokens.tokensOf(ALICE))).isEmpty();
  }

  @Test
  void removeAllForgetsEveryTokenOfTheUserOnly() {
    done(tokens.register(ALICE, pushToken(PHONE, "ios")));
    done(tokens.register(ALICE, pushToken(TABLET, "android")));
    done(tokens.register(BOB, pushToken(BROWSER, "web")));

    done(tokens.removeAll(ALICE));

    assertThat(done(tokens.tokensOf(ALICE))).isEmpty();
    assertThat(done(tokens.tokensOf(BOB))).containsExactly(pushToken(BROWSER, "web"));
  }

  @Test
  void forgetRemovesTheTokenWhoeverHadIt() {
    done(tokens.register(ALICE, pushToken(PHONE, "ios")));
    done(tokens.register(CAROL, pushToken(TABLET, "ios")));
    done(tokens.register(BOB, pushToken(PHONE, "android")));

    done(tokens.forget(PHONE));
    done(tokens.forget("never-registered"));

    assertThat(done(tokens.tokensOf(ALICE))).isEmpty();
    assertThat(done(tokens.tokensOf(BOB))).isEmpty();
    assertThat(done(tokens.tokensOf(CAROL))).containsExactly(pushToken(TABLET, "ios"));
  }
}
