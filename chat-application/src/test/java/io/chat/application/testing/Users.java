package io.chat.application.testing;

import io.chat.domain.chat.SupportDesk;
import io.chat.domain.relation.Block;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.time.Instant;
import java.util.Optional;

/** Object mother of users, their profiles, blocks and push tokens. */
public final class Users {
  public static final UserId ALICE = UserId.of("alice");
  public static final UserId BOB = UserId.of("bob");
  public static final UserId CAROL = UserId.of("carol");
  public static final UserId DAVE = UserId.of("dave");
  public static final UserId ERIN = UserId.of("erin");
  public static final UserId FRANK = UserId.of("frank");
  public static final SystemUser SYSTEM = SystemUser.defaults();
  public static final SupportDesk DESK = new SupportDesk(SYSTEM);

  private Users() {}

  /** The {@code n}-th of many users, for tests that need a crowd. */
  public static UserId numbered(int n) {
    return UserId.of(String.format("user-%04d", n));
  }

  /** A profile named after the user, without a picture. */
  public static UserProfile profile(UserId user) {
    return new UserProfile(user, "Name of " + user.value(), Optional.empty(), false);
  }

  public static UserProfile verifiedProfileWithPicture(UserId user) {
    return new UserProfile(
        user,
        "Verified " + user.value(),
        Optional.of("https://example.com/" + user.value() + ".png"),
        true);
  }

  public static Block block(UserId blocker, UserId blocked, Instant at) {
    return new Block(blocker, blocked, at);
  }

  /** A push token of a device, platform given. */
  public static PushToken pushToken(String token, String platform) {
    return PushToken.of(token, platform);
  }
}
