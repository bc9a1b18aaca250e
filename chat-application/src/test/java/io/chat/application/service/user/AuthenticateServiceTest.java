package io.chat.application.service.user;

import static io.chat.application.testing.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.Actor;
import io.chat.application.port.out.AccessToken;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.application.testing.Times;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticateServiceTest {
  private final InMemoryCore core = new InMemoryCore();

  private ErrorCode refusal(String token) {
    return ((ChatException) Await.failure(core.services.authenticate().authenticate(token))).code();
  }

  private Actor authenticate(String token) {
    return Await.done(core.services.authenticate().authenticate(token));
  }

  private static AccessToken claims(UserId id, boolean admin, String name, String picture) {
    return new AccessToken(
        id, admin, Times.at(3_600), Optional.ofNullable(name), Optional.ofNullable(picture));
  }

  @Test
  void aValidTokenSpeaksForItsUserWithTheirRoleAndExpiry() {
    core.tokens.with("t-staff", claims(UserId.of("boss"), true, "Boss", null));

    Actor actor = authenticate("t-staff");

    assertThat(actor).isEqualTo(new Actor(UserId.of("boss"), true, Times.at(3_600)));
  }

  @Test
  void missingBlankOrUnknownTokensAreUnauthenticated() {
    assertThat(refusal(null)).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(refusal("  ")).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(refusal("forged")).isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aTokenForTheSystemUserIsRefused() {
    core.tokens.with("t-desk", claims(core.system(), true, "Desk", null));

    assertThat(refusal("t-desk")).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void aUserBecomesKnownOnFirstSightFromTheTokensClaims() {
    core.tokens.with("t-a", claims(ALICE, false, "  Alice A.  ", "https://pics/a.png"));

    authenticate("t-a");

    assertThat(Await.done(core.users.find(ALICE)))
        .contains(new UserProfile(ALICE, "Alice A.", Optional.of("https://pics/a.png"), false));
  }

  @Test
  void aTokenWithoutANameGivesAPlaceholderThatALaterNameReplaces() {
    UserId id = UserId.of("65f0c0ffee0000000000abcd");
    core.tokens.with("t-1", claims(id, false, null, null));
    core.tokens.with("t-2", claims(id, false, "Named Now", null));

    authenticate("t-1");
    assertThat(Await.done(core.users.find(id)).orElseThrow().fullName()).isEqualTo("User 00abcd");

    authenticate("t-2");
    assertThat(Await.done(core.users.find(id)).orElseThrow().fullName()).isEqualTo("Named Now");
  }

  @Test
  void claimsDoNotUndoWhatStaffRegisteredWhenTheyCarryNothingNew() {
    UserProfile verified =
        new UserProfile(ALICE, "Alice Verified", Optional.of("https://p/a.png"), true);
    Await.done(core.users.save(verified));
    core.tokens.with("t-a", claims(ALICE, false, null, null));

    authenticate("t-a");

    assertThat(Await.done(core.users.find(ALICE))).contains(verified);
  }

  @Test
  void aTokensNameThatPassesForTheDesksIsNotTakenOnAnyPath() {
    UserId mallory = UserId.of("mallory");
    core.tokens.with("t-new", claims(mallory, false, "Official Support", null));
    core.tokens.with("t-known", claims(ALICE, false, "Alice", null));
    core.tokens.with("t-rename", claims(ALICE, false, "OFFICIAL \u0405UPPORT", null));

    authenticate("t-new");
    authenticate("t-known");
    authenticate("t-rename");

    assertThat(Await.done(core.users.find(mallory)).orElseThrow().fullName())
        .as("a new user gets the neutral name")
        .isEqualTo(UserProfile.placeholder(mallory).fullName());
    assertThat(Await.done(core.users.find(ALICE)).orElseThrow().fullName())
        .as("a known user keeps the name they had")
        .isEqualTo("Alice");
  }
}
