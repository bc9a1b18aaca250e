package io.chat.adapter.ws.transport;

import java.util.concurrent.CompletionStage;

/**
 * The chat layer as the client protocols see it: who may connect, and who hears a client's socket
 * once it is open.
 */
public interface ClientGate {
  /**
   * Verifies a client's token: completes with the client's admission, or fails with a {@link
   * Refusal} that says what the client may be told.
   */
  CompletionStage<Admission> admit(String token);

  /** An admitted client, whose socket is not open yet. */
  interface Admission {
    /** The chat layer's side of the client's {@code socket}; it sends nothing until opened. */
    ClientSocket.Listener listen(ClientSocket socket);
  }
}
