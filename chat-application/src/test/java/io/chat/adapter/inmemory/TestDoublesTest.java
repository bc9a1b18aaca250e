package io.chat.adapter.inmemory;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.RecordingChatEvents.Delivery;
import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.application.port.out.PushNotification;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Times;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TestDoublesTest {
  private final ChatId chat = Ids.seeded(8).newChatId();

  @Test
  void recordedEventsAreReadBackPerAudienceInOrder() {
    RecordingChatEvents events = new RecordingChatEvents();
    ChatEvent typing = new ChatEvent.Typing(ALICE, chat, true);
    ChatEvent.UserOnline online = new ChatEvent.UserOnline(ALICE);
    ChatEvent.SupportChatUpdate desk =
        new ChatEvent.SupportChatUpdate(
            chat, ALICE, SupportStatus.OPEN, Optional.empty(), Optional.of("hi"), Times.T0, 1);

    events.toUser(BOB, typing);
    events.toStaff(desk);
    events.toUser(BOB, online);
    events.toUser(ALICE, online);

    assertThat(events.receivedBy(BOB)).containsExactly(typing, online);
    assertThat(events.receivedBy(BOB, ChatEvent.UserOnline.class)).containsExactly(online);
    assertThat(events.receivedBy(ALICE)).containsExactly(online);
    assertThat(events.receivedByStaff()).containsExactly(desk);
    assertThat(events.receivedByStaff(ChatEvent.SupportChatUpdate.class)).containsExactly(desk);
    assertThat(events.deliveries())
        .containsExactly(
            new Delivery(Optional.of(BOB), typing),
            new Delivery(Optional.empty(), desk),
            new Delivery(Optional.of(BOB), online),
            new Delivery(Optional.of(ALICE), online));

    events.clear();
    assertThat(events.deliveries()).isEmpty();
  }

  @Test
  void eventsRecordedFromManyThreadsAreAllKept() {
    RecordingChatEvents events = new RecordingChatEvents();

    Concurrently.call(
        400,
        i -> {
          events.toUser(i % 2 == 0 ? ALICE : BOB, new ChatEvent.ChatCleared(chat, i));
          return CompletableFuture.completedFuture(i);
        });

    assertThat(events.receivedBy(ALICE)).hasSize(200);
    assertThat(events.receivedBy(BOB, ChatEvent.ChatCleared.class))
        .extracting(ChatEvent.ChatCleared::clearedUpTo)
        .doesNotHaveDuplicates()
        .hasSize(200)
        .allMatch(seq -> seq % 2 == 1);
  }

  @Test
  void recordedPushesAreReadBackPerRecipient() {
    RecordingPushNotifier push = new RecordingPushNotifier();
    PushNotification toBob = new PushNotification(BOB, List.of(), "Alice", "hi", chat, ALICE);
    PushNotification toAlice = new PushNotification(ALICE, List.of(), "Bob", "yo", chat, BOB);

    push.notify(toBob);
    push.notify(toAlice);

    assertThat(push.sent()).containsExactly(toBob, toAlice);
    assertThat(push.sentTo(BOB)).containsExactly(toBob);
    push.clear();
    assertThat(push.sent()).isEmpty();
  }

  @Test
  void fixedTokensAnswerTheirClaimsAndRefuseEverythingElse() {
    AccessToken named =
        new AccessToken(ALICE, false, Times.at(3600), Optional.of("Alice"), Optional.empty());
    FixedAccessTokens tokens =
        new FixedAccessTokens().with("alice-token", named).withAdmin("admin-token", BOB);

    assertThat(done(tokens.verify("alice-token"))).isEqualTo(named);
    assertThat(done(tokens.verify("admin-token")).admin()).isTrue();
    Throwable refused = failure(tokens.verify("forged"));
    assertThat(refused).isInstanceOf(InvalidTokenException.class);
    assertThat(((InvalidTokenException) refused).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(failure(tokens.verify(null))).isInstanceOf(InvalidTokenException.class);

    tokens.revoke("alice-token");
    assertThat(failure(tokens.verify("alice-token"))).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aMutableClockStandsStillUntilSetOrAdvanced() {
    MutableClock clock = new MutableClock(Times.T0);
    assertThat(clock.instant()).isEqualTo(Times.T0);
    assertThat(clock.instant()).isEqualTo(Times.T0);

    assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(Times.atMillis(1500));
    assertThat(clock.millis()).isEqualTo(Times.atMillis(1500).toEpochMilli());

    Instant later = Instant.parse("2030-01-01T00:00:00Z");
    clock.set(later);
    assertThat(clock.instant()).isEqualTo(later);
  }

  @Test
  void aMutableClockInAnotherZoneMovesWithTheOriginal() {
    MutableClock clock = new MutableClock(Times.T0);
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(Times.at(300));
  }
}
