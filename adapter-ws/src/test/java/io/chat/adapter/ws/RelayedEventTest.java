package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.user.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text an event travels as between nodes, both ways, and what is not such a text. */
class RelayedEventTest {
  private static final List<UserId> USERS = List.of(UserId.of("alice"), UserId.of("b-o_b9"));

  @Test
  void aLoneEventForUsersComesBackAsItWent() {
    String text =
        RelayedEvent.encode(
            USERS, Outgoing.built("typing", "{\"a\":\"x\\ny, z\"}", null, null, null));

    RelayedEvent event = RelayedEvent.decode(text);

    assertThat(event.staff()).isFalse();
    assertThat(event.users()).isEqualTo(USERS);
    assertThat(event.name()).isEqualTo("typing");
    assertThat(event.outgoing().payload().get()).isEqualTo("{\"a\":\"x\\ny, z\"}");
    assertThat(event.outgoing().hasListEntry()).isFalse();
  }

  @Test
  void aMessageWithItsListEntryForStaffComesBackWithTheMergedForm() {
    String text =
        RelayedEvent.encode(
            null,
            Outgoing.built("m:new", "{\"m\":1}", "c:update", "{\"c\":2}", "{\"m\":1,\"c\":{}}"));

    RelayedEvent event = RelayedEvent.decode(text);

    assertThat(event.staff()).isTrue();
    assertThat(event.users()).isEmpty();
    Outgoing outgoing = event.outgoing();
    assertThat(outgoing.name()).isEqualTo("m:new");
    assertThat(outgoing.payload().get()).isEqualTo("{\"m\":1}");
    assertThat(outgoing.listName()).isEqualTo("c:update");
    assertThat(outgoing.listPayload().get()).isEqualTo("{\"c\":2}");
    assertThat(outgoing.merged().get()).isEqualTo("{\"m\":1,\"c\":{}}");
  }

  @Test
  void aPairThatDoesNotMergeComesBackWithoutAMergedForm() {
    String text =
        RelayedEvent.encode(USERS, Outgoing.built("seen", "{}", "chat:update", "{}", null));

    assertThat(RelayedEvent.decode(text).outgoing().merged().get()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "u",
        "x\nname\n{}",
        "ualice\nname",
        "u\nname\n{}",
        "ua lice\nname\n{}",
        "s\nname\n{}\nlist"
      })
  void whatIsNotARelayedEventIsRefused(String text) {
    assertThatThrownBy(() -> RelayedEvent.decode(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
