/**
 * Socket.IO v5 over an Engine.IO session: the packet codec, namespaces ({@code /} accepted and
 * idle, {@code /app} the chat's), the authenticated {@code CONNECT} of {@code /app} (where its
 * token comes from, and the answer to a refusal), events and acks. It implements Engine.IO's
 * handler and hands the {@code /app} socket to the chat layer's {@code ClientGate}.
 */
package io.chat.adapter.ws.socketio;
