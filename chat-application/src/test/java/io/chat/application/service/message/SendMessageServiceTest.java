package io.chat.application.service.message;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.RateLimitedException;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SendMessageServiceTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, CAROL);

  private List<Long> historySeqs(UserId viewer, UserId other) {
    return Await.done(
            core.services.readHistory().readHistory(viewer, other, HistoryRange.latest(200)))
        .messages()
        .stream()
        .map(m -> m.seq())
        .toList();
  }

  private static ErrorCode codeOf(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  private CompletionStage<Sent> sendAsync(UserId from, UserId to, String text) {
    return core.services.sendMessage().send(new SendMessage(from, to, text, Optional.empty()));
  }

  @Test
  void firstMessageStartsTheChatAtSeqOneAndLaterOnesFollowInOrder() {
    Sent first = core.send(ALICE, BOB, "hi");
    Sent second = core.send(BOB, ALICE, "hello");
    Sent third = core.send(ALICE, BOB, "how are you?");

    assertThat(first.created()).isTrue();
    assertThat(first.message().seq()).isEqualTo(1);
    assertThat(second.chatId()).isEqualTo(first.chatId());
    assertThat(List.of(second.message().seq(), third.message().seq())).containsExactly(2L, 3L);
    assertThat(first.message().sender()).isEqualTo(ALICE);
    assertThat(first.message().text()).isEqualTo("hi");
    assertThat(first.message().timestamp()).isEqualTo(core.clock.instant());
    assertThat(historySeqs(BOB, ALICE)).containsExactly(1L, 2L, 3L);
  }

  @Test
  void senderDevicesHearMessageSentAndRecipientDevicesHearMessageNewAndNobodyElseHearsAnything() {
    Sent sent = core.send(ALICE, BOB, "hi");

    assertThat(core.events.receivedBy(ALICE, ChatEvent.MessageSent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.message().id()).isEqualTo(sent.message().id()));
    assertThat(core.events.receivedBy(BOB, ChatEvent.MessageNew.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.chatId()).isEqualTo(sent.chatId());
              assertThat(e.message().text()).isEqualTo("hi");
              assertThat(e.message().seen()).isFalse();
            });
    assertThat(core.events.receivedBy(ALICE, ChatEvent.MessageNew.class)).isEmpty();
    assertThat(core.events.receivedBy(CAROL)).isEmpty();
    assertThat(core.events.receivedByStaff()).isEmpty();
  }

  @Test
  void chatUpdateCarriesEachParticipantsOwnUnreadCount() {
    core.send(ALICE, BOB, "one");
    core.send(ALICE, BOB, "two");

    List<ChatEvent.ChatUpdate> bobs = core.events.receivedBy(BOB, ChatEvent.ChatUpdate.class);
    List<ChatEvent.ChatUpdate> alices = core.events.receivedBy(ALICE, ChatEvent.ChatUpdate.class);
    assertThat(bobs).extracting(u -> u.unreadCount().getAsLong()).containsExactly(1L, 2L);
    assertThat(alices).extracting(u -> u.unreadCount().getAsLong()).containsExactly(0L, 0L);
    assertThat(bobs.get(1).lastMessage()).contains("two");
  }

  @Test
  void aRetryWithTheSameClientMessageIdAnswersTheStoredMessageAndStoresNothing() {
    Sent first = core.send(ALICE, BOB, "once", "c-1");
    core.events.clear();

    Sent retry = core.send(ALICE, BOB, "once", "c-1");

    assertThat(retry.created()).isFalse();
    assertThat(retry.message().id()).isEqualTo(first.message().id());
    assertThat(retry.message().seq()).isEqualTo(1);
    assertThat(retry.message().clientMessageId()).contains(ClientMessageId.of("c-1"));
    assertThat(historySeqs(ALICE, BOB)).containsExactly(1L);
    assertThat(core.events.deliveries()).isEmpty();
  }

  @Test
  void concurrentRetriesOfOneClientMessageIdStoreItOnce() {
    List<CompletableFuture<Sent>> sends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sends.add(CompletableFuture.supplyAsync(() -> core.send(ALICE, BOB, "same", "dup")));
    }
    List<Sent> results = sends.stream().map(CompletableFuture::join).toList();

    assertThat(results)
        .extracting(s -> s.message().id())
        .containsOnly(results.get(0).message().id());
    assertThat(results).filteredOn(Sent::created).hasSize(1);
    assertThat(historySeqs(ALICE, BOB)).hasSize(1);
  }

  @Test
  void theSameClientMessageIdFromTheOtherSideIsAnotherMessage() {
    core.send(ALICE, BOB, "mine", "k");
    Sent theirs = core.send(BOB, ALICE, "theirs", "k");

    assertThat(theirs.created()).isTrue();
    assertThat(historySeqs(ALICE, BOB)).containsExactly(1L, 2L);
  }

  @Test
  void textIsCleanedOfControlCharactersAndTrimmedButNotEscaped() {
    Sent sent = core.send(ALICE, BOB, "  a\u0000 < b\u0007\n\tc  ");

    assertThat(sent.message().text()).isEqualTo("a < b\n\tc");
  }

  @Test
  void emptyOrTooLongTextIsRefusedAndNothingIsStoredOrSaid() {
    assertThat(codeOf(sendAsync(ALICE, BOB, " \u0001 "))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(sendAsync(ALICE, BOB, "x".repeat(4_001))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);

    assertThat(core.send(ALICE, BOB, "x".repeat(4_000)).message().seq()).isEqualTo(1);
    assertThat(core.events.receivedBy(BOB, ChatEvent.MessageNew.class)).hasSize(1);
  }

  @Test
  void aLoneSurrogateIsRefusedWhateverTheTransportAndNothingIsStoredOrSaid() {
    assertThat(codeOf(sendAsync(ALICE, BOB, "a\uD800b"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(sendAsync(ALICE, BOB, "\uDE00"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(core.events.deliveries()).isEmpty();

    assertThat(core.send(ALICE, BOB, "\uD83D\uDE00").message().text()).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void theTextLimitIsConfigurable() {
    InMemoryCore small =
        new InMemoryCore(ChatSettings.defaults().withMaxTextLength(5)).withUsers(ALICE, BOB);

    assertThat(
            codeOf(
                small
                    .services
                    .sendMessage()
                    .send(new SendMessage(ALICE, BOB, "123456", Optional.empty()))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(small.send(ALICE, BOB, "12345").created()).isTrue();
  }

  @Test
  void sendingToAnUnknownUserIsNotFound() {
    assertThat(codeOf(sendAsync(ALICE, UserId.of("nobody"), "hi"))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(core.events.deliveries()).isEmpty();
  }

  @Test
  void nobodyChatsWithThemselves() {
    assertThat(codeOf(sendAsync(ALICE, ALICE, "hi"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void nobodySendsAsTheSystemUser() {
    assertThat(codeOf(sendAsync(core.system(), BOB, "I am support")))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(core.events.deliveries()).isEmpty();
  }

  @Test
  void blockedUserCannotSendToBlockerNorBlockerToBlocked() {
    core.send(ALICE, BOB, "before");
    Await.done(core.services.blockUser().block(BOB, ALICE));
    core.events.clear();

    assertThat(codeOf(sendAsync(ALICE, BOB, "let me in"))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(codeOf(sendAsync(BOB, ALICE, "go away"))).isEqualTo(ErrorCode.BLOCKED);

    assertThat(core.events.deliveries()).isEmpty();
    Await.done(core.services.unblockUser().unblock(BOB, ALICE));
    assertThat(historySeqs(ALICE, BOB)).containsExactly(1L);
  }

  @Test
  void aBurstBeyondTheLimitIsRefusedWithARetryAfterUntilTheBucketRefills() {
    for (int i = 0; i < 20; i++) {
      core.send(ALICE, BOB, "m" + i);
    }
    Throwable refused = Await.failure(sendAsync(ALICE, BOB, "one too many"));

    assertThat(refused).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) refused).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(((RateLimitedException) refused).retryAfter()).isPositive();
    assertThat(historySeqs(ALICE, BOB)).hasSize(20);
    assertThat(core.send(BOB, ALICE, "others are not limited by alice").created()).isTrue();

    core.clock.advance(Duration.ofSeconds(1));
    assertThat(core.send(ALICE, BOB, "after a second").created()).isTrue();
  }

  @Test
  void aMessageToTheSystemUserLandsInTheSupportChatAndReachesStaffNotAUser() {
    Sent sent = core.send(ALICE, core.system(), "I need help");

    assertThat(core.events.receivedByStaff(ChatEvent.SupportMessageNew.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.userId()).isEqualTo(ALICE);
              assertThat(e.message().id()).isEqualTo(sent.message().id());
            });
    assertThat(core.events.receivedByStaff(ChatEvent.SupportChatUpdate.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(SupportStatus.OPEN);
              assertThat(e.unreadCount()).isEqualTo(1);
            });
    assertThat(core.events.receivedBy(ALICE, ChatEvent.MessageSent.class)).hasSize(1);
    assertThat(core.events.receivedBy(core.system())).isEmpty();
    assertThat(Await.done(core.chats.findById(sent.chatId())).orElseThrow().isSupport()).isTrue();
  }

  @Test
  void concurrentSendsFromBothSidesGetEverySeqOnceAndEventsLeaveInSeqOrder() {
    InMemoryCore fast =
        new InMemoryCore(ChatSettings.defaults(), 1_000, 1_000).withUsers(ALICE, BOB);
    List<CompletableFuture<Sent>> sends =
        IntStream.range(0, 200)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () ->
                            i % 2 == 0
                                ? fast.send(ALICE, BOB, "a" + i)
                                : fast.send(BOB, ALICE, "b" + i)))
            .toList();
    List<Long> seqs = sends.stream().map(f -> f.join().message().seq()).sorted().toList();

    assertThat(seqs).isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
    List<Long> bobHeard =
        fast.events.receivedBy(BOB).stream()
            .flatMap(
                e ->
                    e instanceof ChatEvent.MessageNew n
                        ? java.util.stream.Stream.of(n.message().seq())
                        : e instanceof ChatEvent.MessageSent s
                            ? java.util.stream.Stream.of(s.message().seq())
                            : java.util.stream.Stream.empty())
            .toList();
    assertThat(bobHeard).hasSize(200).isSorted();
  }

  @Test
  void whenTheStoreIsDownTheSendFailsAsUnavailableAndNothingIsSaid() {
    core.send(ALICE, BOB, "before");
    core.events.clear();
    core.health.goDown();

    assertThat(codeOf(sendAsync(ALICE, BOB, "during"))).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(core.events.deliveries()).isEmpty();

    core.health.comeBack();
    assertThat(core.send(ALICE, BOB, "after").message().seq()).isEqualTo(2);
  }
}
