package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.port.out.SendRateLimit;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Times;
import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractDurationAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SendRateLimit} promises, whether it lives in one process or is shared by
 * several nodes: each user has an allowance of their own, {@code burst} sends at once and {@code
 * perSecond} sustained, refilled by the time that passed on the clock and never beyond the burst; a
 * refused send takes nothing from it and answers how long to wait, to the millisecond and never
 * less than needed, so that waiting that long is enough; sends at one instant, however many and
 * from however many threads and nodes, pass exactly as many times as the allowance holds; a clock
 * that goes back (another node's) grants nothing more.
 *
 * <p>Time comes only from the clock the limit is given: the suite moves it.
 */
public abstract class SendRateLimitContract {
  private final MutableClock clock = new MutableClock(Times.T0);

  /**
   * A limit of its own, with no user having sent yet, for each test: up to {@code burst} sends at
   * once, {@code perSecond} sustained, reading the time from {@code clock} only.
   */
  protected abstract SendRateLimit newRateLimit(int burst, double perSecond, Clock clock);

  /**
   * The same limit as another node sees it: a shared limit answers a second client of the same
   * store, so that the suite sends through both. A limit for a single process has one view only and
   * answers {@code limit} itself.
   */
  protected SendRateLimit anotherNodeOf(SendRateLimit limit) {
    return limit;
  }

  @BeforeEach
  void startAtT0() {
    clock.set(Times.T0);
  }

  @Test
  void aUserMaySendTheBurstAtOnceAndThenIsToldToWaitForOneToken() {
    SendRateLimit limit = newRateLimit(4, 2, clock);

    for (int i = 0; i < 4; i++) {
      assertThat(done(limit.acquire(ALICE))).as("send %d", i + 1).isEmpty();
    }

    assertWait(done(limit.acquire(ALICE)), Duration.ofMillis(500));
  }

  @Test
  void theWaitShrinksAsTimePasses() {
    SendRateLimit limit = newRateLimit(1, 2, clock);
    done(limit.acquire(ALICE));

    clock.advance(Duration.ofMillis(100));
    assertWait(done(limit.acquire(ALICE)), Duration.ofMillis(400));

    clock.advance(Duration.ofMillis(350));
    assertWait(done(limit.acquire(ALICE)), Duration.ofMillis(50));
  }

  @Test
  void waitingAsLongAsToldIsEnoughForOneSend() {
    SendRateLimit limit = newRateLimit(3, 3, clock);
    drain(limit, ALICE, 3);
    clock.advance(Duration.ofMillis(120));

    Duration wait = done(limit.acquire(ALICE)).orElseThrow();
    clock.advance(wait);

    assertThat(done(limit.acquire(ALICE))).as("after the wait").isEmpty();
    assertThat(done(limit.acquire(ALICE))).as("one send only").isPresent();
  }

  @Test
  void aRefusedSendTakesNothingFromTheAllowance() {
    SendRateLimit limit = newRateLimit(2, 4, clock);
    drain(limit, ALICE, 2);
    for (int i = 0; i < 10; i++) {
      assertWait(done(limit.acquire(ALICE)), Duration.ofMillis(250));
    }

    clock.advance(Duration.ofMillis(250));

    assertThat(done(limit.acquire(ALICE))).as("the retries cost nothing").isEmpty();
  }

  @Test
  void theAllowanceRefillsInProportionToTheTimePassed() {
    SendRateLimit limit = newRateLimit(10, 2, clock);
    drain(limit, ALICE, 10);

    clock.advance(Duration.ofSeconds(2));

    assertThat(sendsPassing(limit, ALICE, 20)).isEqualTo(4);
  }

  @Test
  void theSustainedRateIsPerSecond() {
    SendRateLimit limit = newRateLimit(5, 5, clock);
    drain(limit, ALICE, 5);

    // Ten seconds in steps of 100 ms, three attempts at each: one send every 200 ms passes.
    int passed = 0;
    for (int step = 0; step < 100; step++) {
      clock.advance(Duration.ofMillis(100));
      passed += sendsPassing(limit, ALICE, 3);
    }

    assertThat(passed).isEqualTo(50);
  }

  @Test
  void anIdleUserRefillsToTheBurstAndNoFurther() {
    SendRateLimit limit = newRateLimit(3, 10, clock);
    drain(limit, ALICE, 3);

    clock.advance(Duration.ofHours(1));

    assertThat(sendsPassing(limit, ALICE, 10)).isEqualTo(3);
  }

  @Test
  void aClockThatStandsStillRefillsNothing() {
    SendRateLimit limit = newRateLimit(2, 1_000, clock);
    drain(limit, ALICE, 2);

    assertThat(sendsPassing(limit, ALICE, 100)).isZero();
  }

  @Test
  void usersHaveAllowancesOfTheirOwn() {
    SendRateLimit limit = newRateLimit(2, 1, clock);
    drain(limit, ALICE, 2);

    assertThat(sendsPassing(limit, BOB, 5)).as("bob, while alice waits").isEqualTo(2);
    assertThat(done(limit.acquire(ALICE))).as("alice, after bob's sends").isPresent();

    clock.advance(Duration.ofSeconds(1));
    assertThat(sendsPassing(limit, ALICE, 5)).isEqualTo(1);
    assertThat(sendsPassing(limit, BOB, 5)).isEqualTo(1);
    assertThat(sendsPassing(limit, CAROL, 5)).as("carol, who never sent").isEqualTo(2);
  }

  @Test
  void aUsersAllowanceIsKeptWhileItRefillsWhateverOthersDo() {
    SendRateLimit limit = newRateLimit(20, 5, clock);
    clock.advance(Duration.ofSeconds(3));
    drain(limit, BOB, 20);

    // A refill time (20 / 5 = 4 s) after the limit began, many others send: whatever a limit does
    // to forget idle users then, bob's half-refilled allowance is his still.
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 100; i++) {
      done(limit.acquire(Users.numbered(i)));
    }

    assertThat(sendsPassing(limit, BOB, 30)).as("one second's refill").isEqualTo(5);
    assertThat(sendsPassing(limit, Users.numbered(7), 30)).as("one send taken").isEqualTo(19);
  }

  @Test
  void aClockThatGoesBackGrantsNothingMore() {
    SendRateLimit limit = newRateLimit(2, 1, clock);
    drain(limit, ALICE, 2);

    clock.set(Times.at(-10));
    assertThat(done(limit.acquire(ALICE))).as("ten seconds earlier").isPresent();
    clock.set(Times.T0);
    assertThat(done(limit.acquire(ALICE))).as("back at the time of the burst").isPresent();
    clock.advance(Duration.ofSeconds(1));

    assertThat(sendsPassing(limit, ALICE, 5)).as("one second after the burst").isEqualTo(1);
  }

  @Test
  void anAllowanceIsOneWhicheverNodeTheSendsGoThrough() {
    SendRateLimit limit = newRateLimit(4, 1, clock);
    SendRateLimit elsewhere = anotherNodeOf(limit);

    drain(limit, ALICE, 2);
    drain(elsewhere, ALICE, 2);

    assertThat(done(limit.acquire(ALICE))).isPresent();
    assertWait(done(elsewhere.acquire(ALICE)), Duration.ofSeconds(1));
    assertThat(sendsPassing(elsewhere, BOB, 5)).isEqualTo(4);
  }

  @Test
  void manySendsAtOneInstantPassExactlyTheBurst() {
    SendRateLimit limit = newRateLimit(20, 5, clock);
    SendRateLimit elsewhere = anotherNodeOf(limit);

    List<Optional<Duration>> answers =
        Concurrently.call(100, i -> (i % 2 == 0 ? limit : elsewhere).acquire(ALICE));

    assertThat(answers).filteredOn(Optional::isEmpty).hasSize(20);
    assertThat(answers)
        .filteredOn(Optional::isPresent)
        .allSatisfy(wait -> assertThat(wait.orElseThrow()).isPositive());
  }

  @Test
  void manyUsersSendingAtOnceEachPassTheirBurst() {
    SendRateLimit limit = newRateLimit(5, 1, clock);
    SendRateLimit elsewhere = anotherNodeOf(limit);
    List<UserId> users = List.of(ALICE, BOB, CAROL, Users.numbered(1), Users.numbered(2));

    List<Map.Entry<UserId, Boolean>> answers =
        Concurrently.call(
            users.size() * 30,
            i -> {
              UserId user = users.get(i % users.size());
              return (i % 2 == 0 ? limit : elsewhere)
                  .acquire(user)
                  .thenApply(wait -> Map.entry(user, wait.isEmpty()));
            });

    Map<UserId, Long> passed =
        answers.stream()
            .filter(Map.Entry::getValue)
            .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
    assertThat(passed)
        .isEqualTo(users.stream().collect(Collectors.toMap(Function.identity(), u -> 5L)));
  }

  /** Takes {@code sends} sends that must all pass. */
  private static void drain(SendRateLimit limit, UserId user, int sends) {
    for (int i = 0; i < sends; i++) {
      assertThat(done(limit.acquire(user))).as("%s's send %d", user, i + 1).isEmpty();
    }
  }

  /** Tries {@code attempts} sends at the same instant; answers how many passed. */
  private static int sendsPassing(SendRateLimit limit, UserId user, int attempts) {
    int passed = 0;
    for (int i = 0; i < attempts; i++) {
      if (done(limit.acquire(user)).isEmpty()) {
        passed++;
      }
    }
    return passed;
  }

  /** A refusal whose wait is {@code exact}, rounded up to the millisecond at most. */
  private static AbstractDurationAssert<?> assertWait(Optional<Duration> answer, Duration exact) {
    assertThat(answer).as("refused").isPresent();
    return assertThat(answer.orElseThrow()).isBetween(exact, exact.plusMillis(1));
  }
}
