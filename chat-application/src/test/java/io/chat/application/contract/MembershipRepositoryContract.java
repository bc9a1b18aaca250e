package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static io.chat.application.testing.Users.ERIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Users;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MembershipRepository} promises: one membership per group and user, kept as
 * saved; current members listed and paged by user id; read and clear marks that move in one step,
 * never backwards, answering the state before; and the lists a chat list and a "who read it" page
 * read.
 */
public abstract class MembershipRepositoryContract {
  private final ObjectIdGenerator ids = Ids.seeded(20240613L);
  private final ChatId group = ids.newChatId();
  private final ChatId otherGroup = ids.newChatId();
  private MembershipRepository memberships;

  /** A repository of its own, empty, for each test. */
  protected abstract MembershipRepository newRepository();

  @BeforeEach
  void startEmpty() {
    memberships = newRepository();
  }

  private static Membership joined(ChatId chat, UserId user, GroupRole role, long seq) {
    return Membership.joined(chat, user, role, seq, at(seq));
  }

  private Membership member(UserId user, long joinedSeq) {
    return joined(group, user, GroupRole.MEMBER, joinedSeq);
  }

  private void save(Membership... list) {
    done(memberships.saveAll(List.of(list)));
  }

  // ---- storing and finding

  @Test
  void aSavedMembershipIsFoundAsSaved() {
    Membership owner = joined(group, ALICE, GroupRole.OWNER, 1);
    Membership former =
        new Membership(group, BOB, GroupRole.MEMBER, 2, 7, 6, 3, at(2).plusMillis(123), true);

    save(owner, former);

    assertThat(done(memberships.find(group, ALICE))).contains(owner);
    assertThat(done(memberships.find(group, BOB))).contains(former);
  }

  @Test
  void anUnknownMembershipIsNotFound() {
    save(member(ALICE, 1));

    assertThat(done(memberships.find(group, BOB))).isEmpty();
    assertThat(done(memberships.find(otherGroup, ALICE))).isEmpty();
  }

  @Test
  void savingAgainReplacesTheMembershipOfThatGroupAndUserOnly() {
    Membership alice = member(ALICE, 1);
    Membership elsewhere = joined(otherGroup, ALICE, GroupRole.OWNER, 1);
    save(alice, elsewhere, member(BOB, 1));

    Membership promoted = alice.withRole(GroupRole.ADMIN).readUpTo(4);
    Membership left = member(BOB, 1).leftAt(5);
    save(promoted, left);

    assertThat(done(memberships.find(group, ALICE))).contains(promoted);
    assertThat(done(memberships.find(group, BOB))).contains(left);
    assertThat(done(memberships.find(otherGroup, ALICE))).contains(elsewhere);
  }

  @Test
  void savingNothingIsANoOp() {
    done(memberships.saveAll(List.of()));

    assertThat(done(memberships.current(group))).isEmpty();
  }

  // ---- current members

  @Test
  void currentMembersAreListedByUserIdWithoutFormerMembersOrOtherGroups() {
    save(
        member(DAVE, 3),
        joined(group, BOB, GroupRole.OWNER, 1),
        member(ERIN, 2).leftAt(4),
        member(ALICE, 5),
        joined(otherGroup, CAROL, GroupRole.OWNER, 1));

    assertThat(done(memberships.current(group)))
        .extracting(Membership::user)
        .containsExactly(ALICE, BOB, DAVE);
    assertThat(done(memberships.current(otherGroup)))
        .extracting(Membership::user)
        .containsExactly(CAROL);
    assertThat(done(memberships.current(ids.newChatId()))).isEmpty();
  }

  @Test
  void currentMembersComeBackAsSaved() {
    Membership owner = joined(group, ALICE, GroupRole.OWNER, 1).readUpTo(9).clearedUpTo(3);
    save(owner);

    assertThat(done(memberships.current(group))).containsExactly(owner);
  }

  @Test
  void currentMembersArePagedByUserIdWithoutGapsOrDuplicates() {
    List<UserId> expected = new ArrayList<>();
    List<Membership> all = new ArrayList<>();
    for (int n = 11; n >= 1; n--) {
      UserId user = Users.numbered(n);
      Membership membership = member(user, n);
      if (n % 4 == 0) {
        membership = membership.leftAt(20);
      } else {
        expected.add(0, user);
      }
      all.add(membership);
    }
    done(memberships.saveAll(all));

    List<UserId> paged = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Membership> page = done(memberships.currentPage(group, after, 3));
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(m -> paged.add(m.user()));
      after = Optional.of(page.get(page.size() - 1).user());
    }

    assertThat(paged).containsExactlyElementsOf(expected);
  }

  @Test
  void aPageOfCurrentMembersStartsStrictlyAfterTheGivenUser() {
    save(member(ALICE, 1), member(BOB, 1), member(DAVE, 1));

    assertThat(done(memberships.currentPage(group, Optional.of(BOB), 10)))
        .extracting(Membership::user)
        .containsExactly(DAVE);
    // A position need not be a member's.
    assertThat(done(memberships.currentPage(group, Optional.of(CAROL), 10)))
        .extracting(Membership::user)
        .containsExactly(DAVE);
    assertThat(done(memberships.currentPage(group, Optional.of(DAVE), 10))).isEmpty();
    assertThat(done(memberships.currentPage(group, Optional.empty(), 2)))
        .extracting(Membership::user)
        .containsExactly(ALICE, BOB);
  }

  @Test
  void theCountOfCurrentMembersLeavesOutFormerMembersAndOtherGroups() {
    save(
        member(ALICE, 1),
        member(BOB, 1),
        member(CAROL, 1).leftAt(3),
        member(DAVE, 2).leftAt(4).hiddenFromList(),
        joined(otherGroup, ERIN, GroupRole.OWNER, 1));

    assertThat(done(memberships.countCurrent(group))).isEqualTo(2);
    assertThat(done(memberships.countCurrent(otherGroup))).isEqualTo(1);
    assertThat(done(memberships.countCurrent(ids.newChatId()))).isZero();
  }

  // ---- a user's groups

  @Test
  void aUsersListedGroupsAreThoseTheyAreInOrLeftWithoutHidingThem() {
    ChatId current = ids.newChatId();
    ChatId left = ids.newChatId();
    ChatId hidden = ids.newChatId();
    save(
        joined(current, ALICE, GroupRole.MEMBER, 1),
        joined(left, ALICE, GroupRole.ADMIN, 1).leftAt(2),
        joined(hidden, ALICE, GroupRole.MEMBER, 1).leftAt(3).hiddenFromList(),
        joined(hidden, BOB, GroupRole.OWNER, 1),
        member(BOB, 1));

    assertThat(done(memberships.listedGroupsOf(ALICE))).containsExactlyInAnyOrder(current, left);
    assertThat(done(memberships.listedGroupsOf(BOB))).containsExactlyInAnyOrder(hidden, group);
    assertThat(done(memberships.listedGroupsOf(CAROL))).isEmpty();
  }

  // ---- marks

  @Test
  void advancingTheReadMarkAnswersTheMembershipBeforeAndMovesTheMark() {
    Membership bob = member(BOB, 3);
    save(bob);

    Optional<Membership> before = done(memberships.advanceRead(group, BOB, 7));

    assertThat(before).contains(bob);
    assertThat(done(memberships.find(group, BOB))).contains(bob.readUpTo(7));
  }

  @Test
  void aReadMarkNeverMovesBackwards() {
    save(member(BOB, 1));
    done(memberships.advanceRead(group, BOB, 9));

    Optional<Membership> before = done(memberships.advanceRead(group, BOB, 4));

    assertThat(before.map(Membership::readSeq)).contains(9L);
    assertThat(done(memberships.find(group, BOB)).map(Membership::readSeq)).contains(9L);
    assertThat(done(memberships.advanceRead(group, BOB, 9)).map(Membership::readSeq)).contains(9L);
    assertThat(done(memberships.find(group, BOB)).map(Membership::readSeq)).contains(9L);
  }

  @Test
  void advancingTheClearMarkAnswersTheMembershipBeforeAndNeverMovesItBackwards() {
    Membership bob = member(BOB, 2).readUpTo(5);
    save(bob);

    assertThat(done(memberships.advanceCleared(group, BOB, 6))).contains(bob);
    assertThat(done(memberships.advanceCleared(group, BOB, 3)))
        .map(Membership::clearedSeq)
        .contains(6L);

    assertThat(done(memberships.find(group, BOB))).contains(bob.clearedUpTo(6));
  }

  @Test
  void aMarkChangesNothingElseOfTheMembershipNorOfOtherMembers() {
    Membership alice =
        new Membership(group, ALICE, GroupRole.ADMIN, 2, 8, 3, 1, at(2).plusMillis(7), false);
    Membership bob = member(BOB, 1);
    save(alice, bob);

    done(memberships.advanceRead(group, ALICE, 8));
    done(memberships.advanceCleared(group, ALICE, 5));

    assertThat(done(memberships.find(group, ALICE))).contains(alice.readUpTo(8).clearedUpTo(5));
    assertThat(done(memberships.find(group, BOB))).contains(bob);
  }

  @Test
  void advancingTheMarkOfNoMembershipAnswersEmptyAndCreatesNone() {
    save(member(ALICE, 1));

    assertThat(done(memberships.advanceRead(group, BOB, 3))).isEmpty();
    assertThat(done(memberships.advanceCleared(otherGroup, ALICE, 3))).isEmpty();

    assertThat(done(memberships.find(group, BOB))).isEmpty();
    assertThat(done(memberships.find(otherGroup, ALICE))).isEmpty();
    assertThat(done(memberships.current(group)))
        .extracting(Membership::user)
        .containsExactly(ALICE);
  }

  @Test
  void concurrentReadMarksLeaveTheHighestAndEachAnswerIsAStateBefore() {
    save(member(BOB, 1));
    int count = 24;

    List<Optional<Membership>> answers =
        Concurrently.call(count, i -> memberships.advanceRead(group, BOB, 1 + (i * 7) % count));

    assertThat(done(memberships.find(group, BOB)).map(Membership::readSeq)).contains((long) count);
    assertThat(answers).allSatisfy(a -> assertThat(a).isPresent());
    List<Long> seen = answers.stream().map(a -> a.orElseThrow().readSeq()).toList();
    assertThat(seen).allSatisfy(seq -> assertThat(seq).isBetween(0L, (long) count));
    // Exactly one call saw the mark before anyone moved it.
    assertThat(seen).containsOnlyOnce(0L);
  }

  // ---- who read what

  @Test
  void theOthersReadingFromASeqCountFormerMembersAndLeaveOutTheOneAsking() {
    save(
        member(ALICE, 1).readUpTo(12),
        member(BOB, 1).readUpTo(5),
        member(CAROL, 1).readUpTo(8).leftAt(9),
        joined(otherGroup, DAVE, GroupRole.OWNER, 1).readUpTo(40));

    assertThat(done(memberships.readingFrom(group, 6, ALICE)))
        .extracting(Membership::user)
        .containsExactly(CAROL);
    assertThat(done(memberships.readingFrom(group, 5, BOB)))
        .extracting(Membership::user)
        .containsExactlyInAnyOrder(ALICE, CAROL);
    assertThat(done(memberships.readingFrom(group, 13, BOB))).isEmpty();
    assertThat(done(memberships.readingFrom(otherGroup, 1, DAVE))).isEmpty();
    assertThat(done(memberships.readingFrom(ids.newChatId(), 1, ALICE))).isEmpty();
  }

  @Test
  void aMemberWhoJoinedAfterASeqHasNotReadIt() {
    save(member(ALICE, 1).readUpTo(3), member(BOB, 1), member(CAROL, 6).readUpTo(8));

    assertThat(done(memberships.readers(group, 4, BOB, Optional.empty(), 10))).isEmpty();
    assertThat(done(memberships.readers(group, 3, BOB, Optional.empty(), 10)))
        .extracting(Membership::user)
        .containsExactly(ALICE);
    assertThat(done(memberships.readers(group, 6, BOB, Optional.empty(), 10)))
        .extracting(Membership::user)
        .containsExactly(CAROL);
  }

  // ---- targeted changes keep the marks that moved meanwhile

  @Test
  void aRoleChangeALeaveAndAHideChangeTheirFieldsOnly() {
    Membership bob = member(BOB, 2);
    save(bob);
    done(memberships.advanceRead(group, BOB, 9));
    done(memberships.advanceCleared(group, BOB, 7));

    assertThat(done(memberships.setRole(group, BOB, GroupRole.ADMIN))).isTrue();
    Membership promoted = done(memberships.find(group, BOB)).orElseThrow();
    assertThat(promoted.role()).isEqualTo(GroupRole.ADMIN);
    assertThat(promoted.readSeq()).isEqualTo(9);
    assertThat(promoted.clearedSeq()).isEqualTo(7);
    assertThat(done(memberships.hide(group, BOB))).as("a current member hides nothing").isFalse();

    assertThat(done(memberships.leave(group, BOB, 11))).isTrue();
    Membership left = done(memberships.find(group, BOB)).orElseThrow();
    assertThat(left.leftSeq()).isEqualTo(11);
    assertThat(left.role()).isEqualTo(GroupRole.MEMBER);
    assertThat(left.readSeq()).isEqualTo(9);
    assertThat(left.clearedSeq()).isEqualTo(7);
    assertThat(done(memberships.leave(group, BOB, 12))).as("leaves once").isFalse();
    assertThat(done(memberships.setRole(group, BOB, GroupRole.ADMIN)))
        .as("a former member gets no role")
        .isFalse();

    assertThat(done(memberships.hide(group, BOB))).isTrue();
    Membership hidden = done(memberships.find(group, BOB)).orElseThrow();
    assertThat(hidden.hidden()).isTrue();
    assertThat(hidden.readSeq()).isEqualTo(9);
    assertThat(done(memberships.setRole(group, CAROL, GroupRole.ADMIN))).isFalse();
    assertThat(done(memberships.leave(group, CAROL, 3))).isFalse();
    assertThat(done(memberships.hide(group, CAROL))).isFalse();
  }

  @Test
  void readersAreTheOthersWhoseMarkReachedTheSeqByUserId() {
    save(
        member(ERIN, 1).readUpTo(6),
        member(ALICE, 1).readUpTo(9),
        member(BOB, 1).readUpTo(4),
        member(CAROL, 1).readUpTo(5).leftAt(7),
        member(DAVE, 1).readUpTo(5),
        joined(otherGroup, Users.FRANK, GroupRole.OWNER, 1).readUpTo(50));

    assertThat(done(memberships.readers(group, 5, ALICE, Optional.empty(), 10)))
        .extracting(Membership::user)
        .containsExactly(CAROL, DAVE, ERIN);
    assertThat(done(memberships.readers(group, 5, DAVE, Optional.empty(), 10)))
        .extracting(Membership::user)
        .containsExactly(ALICE, CAROL, ERIN);
    assertThat(done(memberships.readers(group, 10, BOB, Optional.empty(), 10))).isEmpty();
  }

  @Test
  void readersArePagedByUserIdWithoutGapsOrDuplicates() {
    List<Membership> all = new ArrayList<>();
    List<UserId> expected = new ArrayList<>();
    for (int n = 1; n <= 13; n++) {
      UserId user = Users.numbered(n);
      long read = n % 3 == 0 ? 2 : 10;
      all.add(member(user, 1).readUpTo(read));
      if (read >= 4 && n != 5) {
        expected.add(user);
      }
    }
    done(memberships.saveAll(all));

    List<UserId> paged = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Membership> page = done(memberships.readers(group, 4, Users.numbered(5), after, 4));
      assertThat(page).hasSizeLessThanOrEqualTo(4);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(m -> paged.add(m.user()));
      after = Optional.of(page.get(page.size() - 1).user());
    }

    assertThat(paged).containsExactlyElementsOf(expected);
  }
}
