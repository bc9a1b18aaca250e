package io.chat.adapter.redis;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.redis.NodeDevices.Mark;
import io.chat.adapter.redis.NodeDevices.Registration;
import org.junit.jupiter.api.Test;

/**
 * The node's own count of its devices, and what it writes again: counts follow the sockets whatever
 * Redis answered; after Redis lost its data a user's mark is set again only when the user had been
 * told online, and users whose devices came or went unseen stay to be settled.
 */
class NodeDevicesTest {
  private final NodeDevices devices = new NodeDevices();

  @Test
  void countsFollowTheSocketsAndNeverGoBelowZero() {
    assertThat(devices.connecting(ALICE)).isZero();
    assertThat(devices.connecting(ALICE)).isEqualTo(1);
    assertThat(devices.disconnecting(ALICE)).isEqualTo(2);
    assertThat(devices.disconnecting(ALICE)).isEqualTo(1);
    assertThat(devices.disconnecting(ALICE)).as("none left").isZero();

    assertThat(devices.sockets(ALICE)).isZero();
  }

  @Test
  void aUserWithNoDeviceNoCallInFlightAndSettledIsForgotten() {
    devices.connecting(ALICE);
    devices.disconnecting(ALICE);
    devices.answered(ALICE, 1);
    devices.answered(ALICE, -1);

    assertThat(devices.toSettleAll()).isEmpty();
  }

  @Test
  void aUserWrittenWhileACallWasInFlightIsWrittenOnceMore() {
    devices.connecting(ALICE);
    devices.disconnecting(ALICE);
    assertThat(devices.toSettleAll()).containsExactly(new Registration(ALICE, 0, Mark.SETTLE));

    devices.answered(ALICE, 1);
    devices.answered(ALICE, -1);

    assertThat(devices.toSettleUnsettled())
        .as("the call may have run after the write")
        .containsExactly(new Registration(ALICE, 0, Mark.SETTLE));
    assertThat(devices.toSettleAll()).as("then forgotten").isEmpty();
  }

  @Test
  void afterRedisLostItsDataOnlyUsersToldOnlineGetTheirMarkBackAndTheOthersWait() {
    // Alice connected and was registered; Bob's connect failed; Carol's disconnect failed; Dave's
    // connect is still in flight.
    devices.connecting(ALICE);
    devices.answered(ALICE, 1);
    devices.connecting(BOB);
    devices.unsettle(BOB, false);
    devices.answered(BOB, 1);
    devices.connecting(CAROL);
    devices.answered(CAROL, 1);
    devices.disconnecting(CAROL);
    devices.unsettle(CAROL, true);
    devices.answered(CAROL, -1);
    devices.connecting(DAVE);

    assertThat(devices.toRestore())
        .containsExactlyInAnyOrder(
            new Registration(ALICE, 1, Mark.RESTORE),
            new Registration(BOB, 1, Mark.LEAVE),
            new Registration(CAROL, 0, Mark.RESTORE),
            new Registration(DAVE, 1, Mark.LEAVE));
    assertThat(devices.toSettleUnsettled())
        .as("all but alice: told nothing yet, or a call in flight")
        .containsExactlyInAnyOrder(
            new Registration(BOB, 1, Mark.SETTLE),
            new Registration(CAROL, 0, Mark.SETTLE),
            new Registration(DAVE, 1, Mark.SETTLE));
  }

  @Test
  void anUnsettledUserKeepsWhatTheyWereLastToldAsFarAsThisNodeKnows() {
    devices.connecting(ALICE);
    devices.unsettle(ALICE, false);
    devices.answered(ALICE, 1);
    devices.connecting(ALICE);
    devices.unsettle(ALICE, true);
    devices.answered(ALICE, 1);
    assertThat(devices.toRestore())
        .as("the first failure's view holds")
        .containsExactly(new Registration(ALICE, 2, Mark.LEAVE));

    devices.told(ALICE, true);

    assertThat(devices.toRestore()).containsExactly(new Registration(ALICE, 2, Mark.RESTORE));
    assertThat(devices.toSettleUnsettled()).as("settled by the restore").isEmpty();
  }

  @Test
  void registrationsThatFailedLeaveTheirUsersUnsettled() {
    devices.connecting(ALICE);
    devices.answered(ALICE, 1);
    var all = devices.toSettleAll();
    assertThat(devices.anyUnsettled()).isFalse();

    devices.notRegistered(all);

    assertThat(devices.toSettleUnsettled())
        .containsExactly(new Registration(ALICE, 1, Mark.SETTLE));
  }
}
