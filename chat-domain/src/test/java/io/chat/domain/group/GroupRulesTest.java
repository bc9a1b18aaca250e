package io.chat.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupRulesTest {
  private static final ChatId GROUP = ChatId.of("0123456789abcdef01234567");
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Membership member(String user, GroupRole role, long joined) {
    return Membership.joined(GROUP, UserId.of(user), role, joined, T.plusSeconds(joined));
  }

  private static final Membership OWNER = member("olga", GroupRole.OWNER, 1);
  private static final Membership ADMIN = member("adam", GroupRole.ADMIN, 1);
  private static final Membership MEMBER = member("mia", GroupRole.MEMBER, 1);
  private static final Group OPEN = new Group(GroupProfile.named("g"), false, 3);
  private static final Group ANNOUNCEMENTS = new Group(GroupProfile.named("g"), true, 3);

  private static ErrorCode code(Runnable rule) {
    try {
      rule.run();
    } catch (ChatException e) {
      return e.code();
    }
    throw new AssertionError("the rule allowed it");
  }

  @Test
  void everyCurrentMemberSendsButOnlyManagersInAnAnnouncementGroup() {
    assertThatCode(() -> GroupRules.requireCanSend(OPEN, MEMBER)).doesNotThrowAnyException();
    assertThat(code(() -> GroupRules.requireCanSend(ANNOUNCEMENTS, MEMBER)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThatCode(() -> GroupRules.requireCanSend(ANNOUNCEMENTS, ADMIN))
        .doesNotThrowAnyException();
    assertThat(code(() -> GroupRules.requireCanSend(OPEN, MEMBER.leftAt(5))))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
  }

  @Test
  void ownersAndAdminsManageMembersDoNot() {
    assertThatCode(() -> GroupRules.requireManager(OWNER)).doesNotThrowAnyException();
    assertThatCode(() -> GroupRules.requireManager(ADMIN)).doesNotThrowAnyException();
    assertThat(code(() -> GroupRules.requireManager(MEMBER))).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void theOwnerRemovesAnyoneAnAdminOnlyMembersAndNobodyTheOwnerOrThemselves() {
    assertThatCode(() -> GroupRules.requireCanRemove(OWNER, ADMIN)).doesNotThrowAnyException();
    assertThatCode(() -> GroupRules.requireCanRemove(ADMIN, MEMBER)).doesNotThrowAnyException();
    assertThat(code(() -> GroupRules.requireCanRemove(ADMIN, member("al", GroupRole.ADMIN, 2))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(code(() -> GroupRules.requireCanRemove(ADMIN, OWNER)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(code(() -> GroupRules.requireCanRemove(MEMBER, member("max", GroupRole.MEMBER, 2))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(code(() -> GroupRules.requireCanRemove(OWNER, OWNER)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(() -> GroupRules.requireCanRemove(OWNER, MEMBER.leftAt(3))))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
  }

  @Test
  void onlyTheOwnerChangesRolesAndHandsOwnershipOver() {
    assertThatCode(() -> GroupRules.requireCanSetRole(OWNER, MEMBER, GroupRole.ADMIN))
        .doesNotThrowAnyException();
    assertThat(code(() -> GroupRules.requireCanSetRole(ADMIN, MEMBER, GroupRole.ADMIN)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(code(() -> GroupRules.requireCanSetRole(OWNER, MEMBER, GroupRole.OWNER)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatCode(() -> GroupRules.requireCanHandOver(OWNER, ADMIN)).doesNotThrowAnyException();
    assertThat(code(() -> GroupRules.requireCanHandOver(ADMIN, MEMBER)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(code(() -> GroupRules.requireCanHandOver(OWNER, OWNER)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void theLongestStandingAdminInheritsElseTheLongestStandingMember() {
    Membership oldMember = member("zed", GroupRole.MEMBER, 1);
    Membership newAdmin = member("yan", GroupRole.ADMIN, 7);
    Membership oldAdmin = member("xia", GroupRole.ADMIN, 4);
    Membership newer = member("ann", GroupRole.MEMBER, 9);

    assertThat(GroupRules.heirWhenLeaving(OWNER, List.of(OWNER, oldMember, newAdmin, oldAdmin)))
        .contains(oldAdmin);
    assertThat(GroupRules.heirWhenLeaving(OWNER, List.of(OWNER, newer, oldMember)))
        .contains(oldMember);
    assertThat(
            GroupRules.heirWhenLeaving(
                OWNER, List.of(OWNER, oldAdmin.leftAt(8), oldMember.leftAt(8))))
        .isEmpty();
    assertThat(GroupRules.heirWhenLeaving(MEMBER, List.of(OWNER, MEMBER))).isEmpty();
  }

  @Test
  void aGroupHoldsAtMostItsSizeAndARequestAddsAtMostItsLimit() {
    GroupRules rules = new GroupRules(10, 3);
    assertThatCode(() -> rules.requireRoomFor(7, 3)).doesNotThrowAnyException();
    assertThat(code(() -> rules.requireRoomFor(8, 3))).isEqualTo(ErrorCode.GROUP_FULL);
    assertThat(code(() -> rules.requireRoomFor(0, 4))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(GroupRules.defaults().maxMembers()).isEqualTo(1_000);
    assertThat(GroupRules.defaults().maxAddedPerRequest()).isEqualTo(100);
    assertThatThrownBy(() -> new GroupRules(1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFormerOrUnknownMemberIsNotAMember() {
    assertThat(code(() -> GroupRules.requireCurrent(Optional.empty())))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
    assertThat(code(() -> GroupRules.requireCurrent(Optional.of(MEMBER.leftAt(2)))))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
    assertThat(GroupRules.requireCurrent(Optional.of(MEMBER))).isEqualTo(MEMBER);
  }
}
