package io.chat.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.RecordingChatEvents.Delivery;
import io.chat.application.contract.ChatEventsContract;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@link ChatEvents} contract on the recorder that the services' tests read back: what it
 * records for a user (or for staff) is what a device of theirs would have received. The recorder
 * has no subscribers, so a device here is a window on the recording, from its connect to its
 * disconnect; what the suite holds the recorder to is the rest: each event recorded once, for its
 * audience only, in the order published, none lost when many threads publish at once.
 */
class RecordingChatEventsContractTest extends ChatEventsContract {
  @Override
  protected Realtime newRealtime() {
    return new Recorded(new RecordingChatEvents());
  }

  private static final class Recorded implements Realtime {
    private final RecordingChatEvents recording;

    Recorded(RecordingChatEvents recording) {
      this.recording = recording;
    }

    @Override
    public ChatEvents events() {
      return recording;
    }

    @Override
    public Device connect(UserId user) {
      return new Window(delivery -> delivery.isFor(user));
    }

    @Override
    public Device connectStaff(UserId member) {
      return new Window(delivery -> delivery.isFor(member) || delivery.isForStaff());
    }

    @Override
    public Object observed(ChatEvent event) {
      return event;
    }

    @Override
    public void close() {
      recording.clear();
    }

    /** The recorded events for one audience, from the device's connect to its disconnect. */
    private final class Window implements Device {
      private final Predicate<Delivery> audience;
      private final int from;
      private volatile int to = Integer.MAX_VALUE;

      Window(Predicate<Delivery> audience) {
        this.audience = audience;
        this.from = recording.deliveries().size();
      }

      @Override
      public List<Object> received() {
        List<Delivery> all = recording.deliveries();
        return all.subList(from, Math.min(to, all.size())).stream()
            .filter(audience)
            .map(delivery -> (Object) delivery.event())
            .toList();
      }

      @Override
      public void awaitReceived(Object observation) {
        // Recording is synchronous: what was published has been recorded.
        assertThat(received()).contains(observation);
      }

      @Override
      public void disconnect() {
        to = recording.deliveries().size();
      }
    }
  }
}
