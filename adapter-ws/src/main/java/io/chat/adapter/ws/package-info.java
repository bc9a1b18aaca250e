/**
 * The realtime adapter's chat layer and its entry point ({@link io.chat.adapter.ws.RealtimeChat}):
 * who is admitted, the connections of each user, presence, client events dispatched to the same use
 * cases as REST, and server events delivered to every socket of their audience. The protocols that
 * carry the sockets live below it, each in its own package: {@code engineio} and {@code socketio}
 * for {@code /socket.io/}, {@code plain} for {@code /ws}, over what {@code transport} shares. They
 * meet this layer through {@code transport.ClientGate} and {@code transport.ClientSocket} only;
 * dependencies go one way, down.
 */
package io.chat.adapter.ws;
