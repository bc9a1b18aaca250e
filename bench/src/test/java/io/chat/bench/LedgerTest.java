package io.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checks themselves: a ledger that saw nothing wrong must be able to see something wrong. */
class LedgerTest {
  // users 0 and 1 are a pair, one device each: a message from 0 is expected at 0 (sent) and 1 (new)
  private final Ledger ledger = new Ledger(2, 1);

  private Ledger.Sent sendAndAck(String id) {
    Ledger.Sent message = new Ledger.Sent(id, 0, 0, System.nanoTime(), true);
    ledger.sending(message);
    ledger.acknowledged(message);
    return message;
  }

  @Test
  void messagesDeliveredOnceInOrderEverywhereAreCorrect() {
    sendAndAck("a");
    sendAndAck("b");
    ledger.delivered(0, 0, true, "c", "a", 1);
    ledger.delivered(1, 0, false, "c", "a", 1);
    ledger.delivered(0, 0, true, "c", "b", 2);
    ledger.delivered(1, 0, false, "c", "b", 2);

    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.lost()).isZero();
    assertThat(ledger.duplicated.get()).isZero();
    assertThat(ledger.reordered.get()).isZero();
    assertThat(ledger.latencies().sorted()).hasSize(2);
  }

  @Test
  void aSendThatLeftLateCountsItsDelayFromItsDueTimeAndNotFromItsDeparture() {
    long due = System.nanoTime() - 200_000_000L; // due 200 ms ago: the generator fell behind
    Ledger.Sent message = new Ledger.Sent("late", 0, 0, due, true);
    ledger.sending(message);
    message.departs();
    ledger.acknowledged(message);

    ledger.delivered(1, 0, false, "c", "late", 1);

    long fromDue = ledger.latencies().sorted()[0];
    long fromDeparture = ledger.latenciesFromDeparture().sorted()[0];
    assertThat(fromDue).isGreaterThanOrEqualTo(200_000L);
    assertThat(fromDeparture).isLessThan(fromDue - 150_000L);
  }

  @Test
  void aMissingDeliveryIsLost() {
    sendAndAck("a");
    ledger.delivered(0, 0, true, "c", "a", 1);

    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.lost()).isEqualTo(1);
  }

  @Test
  void aSecondDeliveryIsDuplicated() {
    sendAndAck("a");
    ledger.delivered(1, 0, false, "c", "a", 1);
    ledger.delivered(1, 0, false, "c", "a", 1);

    assertThat(ledger.duplicated.get()).isEqualTo(1);
  }

  @Test
  void aLowerSeqAfterAHigherOneIsReordered() {
    sendAndAck("a");
    sendAndAck("b");
    ledger.delivered(1, 0, false, "c", "b", 2);
    ledger.delivered(1, 0, false, "c", "a", 1);

    assertThat(ledger.reordered.get()).isEqualTo(1);
  }

  @Test
  void theSendersOwnDeviceGettingMessageNewIsTheWrongEvent() {
    sendAndAck("a");
    ledger.delivered(0, 0, false, "c", "a", 1);

    assertThat(ledger.wrongEvent.get()).isEqualTo(1);
  }

  @Test
  void inAGroupEveryMemberMustGetItAndOnlyTheGroupCounts() {
    // users 0..2 are one group and 3..5 another, one device each
    Ledger groups = new Ledger(6, 1, 3);
    Ledger.Sent message = new Ledger.Sent("g", 4, 0, System.nanoTime(), true);
    groups.sending(message);
    groups.acknowledged(message);
    groups.delivered(4, 0, true, "c", "g", 2);
    groups.delivered(3, 0, false, "c", "g", 2);

    assertThat(groups.complete()).isFalse();
    assertThat(groups.lost()).isEqualTo(1);
    groups.delivered(5, 0, false, "c", "g", 2);
    assertThat(groups.complete()).isTrue();
    assertThat(groups.lost()).isZero();
  }
}
