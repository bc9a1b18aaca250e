package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final ChatId CHAT_ID = ChatId.of("65f0a1b2c3d4e5f601234567");
  private static final ChatId OTHER_CHAT_ID = ChatId.of("65f0a1b2c3d4e5f601234568");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final UserId CAROL = UserId.of("carol");
  private static final SupportDesk DESK = SupportDesk.defaults();
  private static final RelatedEntity TRIP = RelatedEntity.of("trip_verification", "trip-42");

  private static Chat userChat() {
    return Chat.start(CHAT_ID, ALICE, BOB, DESK, Optional.empty(), T0);
  }

  private static Chat supportChat() {
    return Chat.start(CHAT_ID, ALICE, DESK.id(), DESK, Optional.of(TRIP), T0);
  }

  private static Message message(ChatId chat, long seq, UserId sender, Instant at) {
    return new Message(
        MessageId.of(String.format("%024x", seq)),
        chat,
        seq,
        sender,
        MessageText.of("message " + seq),
        at,
        Optional.empty());
  }

  private static Chat send(Chat chat, UserId sender, Instant at) {
    Message next = message(chat.id(), chat.lastSeq() + 1, sender, at);
    return chat.withMessage(next, chat.supportStatusAfterMessageFrom(sender, DESK));
  }

  private static Chat restoreUserChat(
      long lastSeq, Optional<Message> last, Map<UserId, MemberState> members) {
    return Chat.restore(
        CHAT_ID,
        ChatType.USER_CHAT,
        PairKey.of(ALICE, BOB),
        lastSeq,
        last,
        members,
        Optional.empty(),
        T0,
        T0);
  }

  // start

  @Test
  void startingBetweenTwoUsersMakesAnEmptyUserChat() {
    Chat chat = Chat.start(CHAT_ID, BOB, ALICE, DESK, Optional.empty(), T0);

    assertThat(chat.id()).isEqualTo(CHAT_ID);
    assertThat(chat.type()).isEqualTo(ChatType.USER_CHAT);
    assertThat(chat.isSupport()).isFalse();
    assertThat(chat.pair()).isEqualTo(PairKey.of(ALICE, BOB));
    assertThat(chat.participants()).containsExactly(ALICE, BOB);
    assertThat(chat.lastSeq()).isZero();
    assertThat(chat.lastMessage()).isEmpty();
    assertThat(chat.hasMessages()).isFalse();
    assertThat(chat.members()).isEmpty();
    assertThat(chat.support()).isEmpty();
    assertThat(chat.createdAt()).isEqualTo(T0);
    assertThat(chat.updatedAt()).isEqualTo(T0);
  }

  @Test
  void aUserChatIgnoresARelatedEntity() {
    Chat chat = Chat.start(CHAT_ID, ALICE, BOB, DESK, Optional.of(TRIP), T0);

    assertThat(chat.type()).isEqualTo(ChatType.USER_CHAT);
    assertThat(chat.support()).isEmpty();
  }

  @Test
  void startingWithTheSystemUserMakesAnOpenSupportChatAboutTheGivenTopic() {
    Chat chat = supportChat();

    assertThat(chat.type()).isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(chat.isSupport()).isTrue();
    assertThat(chat.support())
        .contains(new SupportState(SupportStatus.OPEN, Optional.of(TRIP), Optional.empty()));
  }

  @Test
  void theSystemUserMayComeFirstInASupportChat() {
    Chat chat = Chat.start(CHAT_ID, DESK.id(), ALICE, DESK, Optional.empty(), T0);

    assertThat(chat.type()).isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(chat.support()).contains(SupportState.opened(Optional.empty()));
  }

  @Test
  void nobodyStartsAChatWithThemselves() {
    assertThatExceptionOfType(ChatWithSelfException.class)
        .isThrownBy(() -> Chat.start(CHAT_ID, ALICE, ALICE, DESK, Optional.empty(), T0));
  }

  // restore

  @Test
  void restoringAConsistentChatGivesItBack() {
    Chat sent = send(send(userChat(), ALICE, T0.plusSeconds(1)), BOB, T0.plusSeconds(2));

    Chat restored =
        Chat.restore(
            sent.id(),
            sent.type(),
            sent.pair(),
            sent.lastSeq(),
            sent.lastMessage(),
            sent.members(),
            sent.support(),
            sent.createdAt(),
            sent.updatedAt());

    assertThat(restored).isEqualTo(sent).hasSameHashCodeAs(sent);
  }

  @Test
  void restoringRefusesALastMessageThatIsNotAtLastSeq() {
    Optional<Message> second = Optional.of(message(CHAT_ID, 2, ALICE, T0));

    assertThatIllegalArgumentException().isThrownBy(() -> restoreUserChat(3, second, Map.of()));
    assertThatNoException().isThrownBy(() -> restoreUserChat(2, second, Map.of()));
  }

  @Test
  void restoringRefusesALastMessageOfAnotherChat() {
    Optional<Message> elsewhere = Optional.of(message(OTHER_CHAT_ID, 2, ALICE, T0));

    assertThatIllegalArgumentException().isThrownBy(() -> restoreUserChat(2, elsewhere, Map.of()));
  }

  @Test
  void restoringRefusesANegativeLastSeq() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> restoreUserChat(-1, Optional.empty(), Map.of()));
  }

  @Test
  void restoringRefusesSupportStateOnAUserChat() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Chat.restore(
                    CHAT_ID,
                    ChatType.USER_CHAT,
                    PairKey.of(ALICE, BOB),
                    0,
                    Optional.empty(),
                    Map.of(),
                    Optional.of(SupportState.opened(Optional.empty())),
                    T0,
                    T0));
  }

  @Test
  void restoringRefusesASupportChatWithoutSupportState() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Chat.restore(
                    CHAT_ID,
                    ChatType.ADMIN_SUPPORT,
                    PairKey.of(ALICE, DESK.id()),
                    0,
                    Optional.empty(),
                    Map.of(),
                    Optional.empty(),
                    T0,
                    T0));
  }

  @Test
  void restoringRefusesMemberStateOfSomeoneOutsideThePair() {
    Map<UserId, MemberState> members = Map.of(ALICE, MemberState.NEW, CAROL, MemberState.NEW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> restoreUserChat(0, Optional.empty(), members));
  }

  @Test
  void restoredMembersAreAnImmutableCopy() {
    Map<UserId, MemberState> members = new HashMap<>();
    members.put(ALICE, new MemberState(1, 0, 0));
    Chat chat = restoreUserChat(1, Optional.empty(), members);

    members.put(BOB, new MemberState(1, 1, 0));

    assertThat(chat.members()).containsOnlyKeys(ALICE);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> chat.members().put(BOB, MemberState.NEW));
  }

  // withMessage

  @Test
  void theFirstMessageTakesSeqOne() {
    Chat chat = userChat();
    Message first = message(CHAT_ID, 1, ALICE, T0.plusSeconds(1));

    Chat next = chat.withMessage(first, Optional.empty());

    assertThat(next.lastSeq()).isEqualTo(1);
    assertThat(next.lastMessage()).contains(first);
    assertThat(next.hasMessages()).isTrue();
  }

  @Test
  void aMessageMustTakeTheNextSeq() {
    Chat chat = send(userChat(), ALICE, T0.plusSeconds(1));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> chat.withMessage(message(CHAT_ID, 1, BOB, T0), Optional.empty()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> chat.withMessage(message(CHAT_ID, 3, BOB, T0), Optional.empty()));
    assertThat(chat.withMessage(message(CHAT_ID, 2, BOB, T0), Optional.empty()).lastSeq())
        .isEqualTo(2);
  }

  @Test
  void aMessageOfAnotherChatIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> userChat().withMessage(message(OTHER_CHAT_ID, 1, ALICE, T0), Optional.empty()));
  }

  @Test
  void aMessageFromOutsideThePairIsRefused() {
    assertThatExceptionOfType(NotAParticipantException.class)
        .isThrownBy(() -> userChat().withMessage(message(CHAT_ID, 1, CAROL, T0), Optional.empty()));
  }

  @Test
  void aMessageAddsOneUnreadForTheRecipientOnly() {
    Chat once = send(userChat(), ALICE, T0.plusSeconds(1));
    Chat twice = send(once, ALICE, T0.plusSeconds(2));

    assertThat(once.unreadFor(BOB)).isEqualTo(1);
    assertThat(twice.unreadFor(BOB)).isEqualTo(2);
    assertThat(twice.unreadFor(ALICE)).isZero();
    assertThat(twice.member(ALICE)).isEqualTo(MemberState.NEW);
  }

  @Test
  void aMessageKeepsTheRecipientsMarks() {
    Chat chat =
        send(userChat(), ALICE, T0.plusSeconds(1)).withMember(BOB, new MemberState(1, 1, 0));

    Chat next = send(chat, ALICE, T0.plusSeconds(2));

    assertThat(next.member(BOB)).isEqualTo(new MemberState(1, 1, 1));
  }

  @Test
  void aMessageDoesNotChangeTheChatItWasAddedTo() {
    Chat chat = userChat();

    send(chat, ALICE, T0.plusSeconds(1));

    assertThat(chat.lastSeq()).isZero();
    assertThat(chat.lastMessage()).isEmpty();
    assertThat(chat.members()).isEmpty();
    assertThat(chat.updatedAt()).isEqualTo(T0);
  }

  @Test
  void aNewerMessageMovesUpdatedAt() {
    Chat chat = send(userChat(), ALICE, T0.plusSeconds(30));

    assertThat(chat.updatedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(chat.createdAt()).isEqualTo(T0);
  }

  @Test
  void updatedAtNeverMovesBackwards() {
    Chat chat = send(userChat(), ALICE, T0.plusSeconds(30));

    Chat next = send(chat, BOB, T0.plusSeconds(10));

    assertThat(next.updatedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(next.lastSeq()).isEqualTo(2);
  }

  @Test
  void aUserChatTakesNoSupportStatus() {
    Chat chat = userChat();

    assertThat(chat.supportStatusAfterMessageFrom(ALICE, DESK)).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                chat.withMessage(message(CHAT_ID, 1, ALICE, T0), Optional.of(SupportStatus.OPEN)));
  }

  @Test
  void aSupportChatNeedsAStatusWithEachMessage() {
    Chat chat = supportChat();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> chat.withMessage(message(CHAT_ID, 1, ALICE, T0), Optional.empty()));
  }

  @Test
  void aSupportChatTakesTheGivenStatusAndKeepsItsTopicAndAssignee() {
    Chat chat =
        supportChat()
            .withSupport(
                new SupportState(
                    SupportStatus.OPEN, Optional.of(TRIP), Optional.of(UserId.of("admin-7"))));

    Chat next =
        chat.withMessage(
            message(CHAT_ID, 1, DESK.id(), T0), Optional.of(SupportStatus.WAITING_USER));

    assertThat(next.support())
        .contains(
            new SupportState(
                SupportStatus.WAITING_USER, Optional.of(TRIP), Optional.of(UserId.of("admin-7"))));
    assertThat(next.unreadFor(ALICE)).isEqualTo(1);
  }

  // reading the state

  @Test
  void myMessageIsSeenOnceTheOtherSideReadIt() {
    Chat sent = send(userChat(), ALICE, T0.plusSeconds(1));
    Message mine = sent.lastMessage().orElseThrow();

    assertThat(sent.isSeen(mine, ALICE)).isFalse();
    Chat read = sent.withMember(BOB, MemberState.NEW.readUpTo(1, 0));
    assertThat(read.isSeen(mine, ALICE)).isTrue();
  }

  @Test
  void myOwnReadMarkDoesNotMakeMyMessageSeen() {
    Chat sent = send(userChat(), ALICE, T0.plusSeconds(1));
    Message mine = sent.lastMessage().orElseThrow();

    Chat chat = sent.withMember(ALICE, MemberState.NEW.readUpTo(1, 0));

    assertThat(chat.isSeen(mine, ALICE)).isFalse();
  }

  @Test
  void theirMessageIsSeenOnceIReadIt() {
    Chat sent = send(userChat(), ALICE, T0.plusSeconds(1));
    Message theirs = sent.lastMessage().orElseThrow();

    assertThat(sent.isSeen(theirs, BOB)).isFalse();
    assertThat(sent.withMember(ALICE, MemberState.NEW.readUpTo(1, 0)).isSeen(theirs, BOB))
        .isFalse();
    assertThat(sent.withMember(BOB, MemberState.NEW.readUpTo(1, 0)).isSeen(theirs, BOB)).isTrue();
  }

  @Test
  void aMessageAfterTheReadMarkIsNotSeen() {
    Chat chat =
        send(send(userChat(), ALICE, T0.plusSeconds(1)), ALICE, T0.plusSeconds(2))
            .withMember(BOB, MemberState.NEW.readUpTo(1, 1));
    Message second = chat.lastMessage().orElseThrow();

    assertThat(chat.isSeen(second, ALICE)).isFalse();
    assertThat(chat.isSeen(second, BOB)).isFalse();
  }

  @Test
  void aStrangerHasNoPointOfView() {
    Chat chat = send(userChat(), ALICE, T0.plusSeconds(1));

    assertThatExceptionOfType(NotAParticipantException.class)
        .isThrownBy(() -> chat.isSeen(chat.lastMessage().orElseThrow(), CAROL));
  }

  @Test
  void whoClearedPastTheLastMessageNoLongerSeesIt() {
    Chat sent = send(userChat(), ALICE, T0.plusSeconds(1));

    Chat cleared = sent.withMember(BOB, MemberState.NEW.clearedUpTo(1));

    assertThat(cleared.lastMessageFor(BOB)).isEmpty();
    assertThat(cleared.lastMessageFor(ALICE)).isEqualTo(sent.lastMessage());
  }

  @Test
  void aMessageAfterTheClearMarkIsSeenAgain() {
    Chat cleared =
        send(userChat(), ALICE, T0.plusSeconds(1)).withMember(BOB, MemberState.NEW.clearedUpTo(1));

    Chat next = send(cleared, ALICE, T0.plusSeconds(2));

    assertThat(next.lastMessageFor(BOB)).isEqualTo(next.lastMessage()).isPresent();
  }

  @Test
  void aParticipantWhoNeverActedHasAllMarksAtZero() {
    Chat chat = userChat();

    assertThat(chat.member(ALICE)).isEqualTo(MemberState.NEW);
    assertThat(chat.member(BOB)).isEqualTo(MemberState.NEW);
    assertThat(chat.unreadFor(BOB)).isZero();
  }

  @Test
  void onlyParticipantsHaveMarks() {
    assertThatExceptionOfType(NotAParticipantException.class)
        .isThrownBy(() -> userChat().member(CAROL));
    assertThatExceptionOfType(NotAParticipantException.class)
        .isThrownBy(() -> userChat().withMember(CAROL, MemberState.NEW));
  }

  @Test
  void onlyTheTwoParticipantsActInAChat() {
    Chat chat = userChat();

    assertThatNoException().isThrownBy(() -> chat.requireParticipant(ALICE));
    assertThatNoException().isThrownBy(() -> chat.requireParticipant(BOB));
    assertThat(chat.hasParticipant(CAROL)).isFalse();
    assertThatExceptionOfType(NotAParticipantException.class)
        .isThrownBy(() -> chat.requireParticipant(CAROL))
        .returns(ErrorCode.FORBIDDEN, ChatException::code);
  }

  @Test
  void theOtherParticipantIsTheOneWhoIsNotGiven() {
    assertThat(userChat().otherThan(ALICE)).isEqualTo(BOB);
    assertThat(userChat().otherThan(BOB)).isEqualTo(ALICE);
    assertThat(supportChat().otherThan(ALICE)).isEqualTo(DESK.id());
  }

  @Test
  void replacingOneMembersMarksLeavesTheOtherAndTheActivityAlone() {
    Chat chat = send(userChat(), ALICE, T0.plusSeconds(1));

    Chat read = chat.withMember(BOB, MemberState.NEW.readUpTo(1, 0));

    assertThat(read.member(BOB)).isEqualTo(new MemberState(1, 0, 0));
    assertThat(read.member(ALICE)).isEqualTo(chat.member(ALICE));
    assertThat(read.updatedAt()).isEqualTo(chat.updatedAt());
  }

  // support

  @Test
  void aUserChatHasNoSupportFields() {
    assertThatExceptionOfType(NotSupportChatException.class)
        .isThrownBy(() -> userChat().withSupport(SupportState.opened(Optional.empty())))
        .returns(ErrorCode.NOT_FOUND, ChatException::code);
  }

  @Test
  void supportChangesReplaceTheFieldsButAreNotActivity() {
    Chat chat = send(supportChat(), ALICE, T0.plusSeconds(5));
    SupportState resolved =
        chat.support()
            .orElseThrow()
            .withStatus(SupportStatus.RESOLVED)
            .withAssignee(Optional.of(UserId.of("admin-7")));

    Chat next = chat.withSupport(resolved);

    assertThat(next.support()).contains(resolved);
    assertThat(next.updatedAt()).isEqualTo(chat.updatedAt());
    assertThat(next.lastMessage()).isEqualTo(chat.lastMessage());
  }
}
