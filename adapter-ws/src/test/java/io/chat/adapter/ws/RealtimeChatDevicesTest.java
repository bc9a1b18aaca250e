package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.application.port.in.Actor;
import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node among several names itself by its process tag: the devices of its sockets are told apart
 * by it from every other process' ones.
 */
class RealtimeChatDevicesTest {
  @Test
  void aSocketsDeviceIsOneOfItsProcessOnly() {
    DeviceId device = CallEvents.device(connection());
    String tag = RealtimeChat.processTag();

    assertThat(RealtimeChat.devicesOf(tag)).accepts(device);
    assertThat(RealtimeChat.devicesOf("x" + tag)).rejects(device);
    assertThat(RealtimeChat.devicesOf(tag.substring(1))).rejects(device);
    assertThat(RealtimeChat.devicesOf(tag)).rejects(DeviceId.of("c1.x" + tag));
  }

  private static Connection connection() {
    return new Connection(
        new Actor(UserId.of("alice"), false, Instant.parse("2027-01-01T00:00:00Z")),
        RealtimeSettings.defaults(List.of()),
        new ClientSocket() {
          @Override
          public void emit(String event, String jsonData) {}

          @Override
          public void reply(long ack, String jsonData) {}

          @Override
          public boolean compact() {
            return false;
          }

          @Override
          public void close(CloseReason reason) {}
        });
  }
}
