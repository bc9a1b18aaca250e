/**
 * What the realtime protocols share, below all of them: Jetty's WebSocket listener and endpoint
 * settings, the bounded outbound queue of a WebSocket, allowed origins, bearer tokens, the bounded
 * JSON parser, close reasons, and the contract with the chat layer above ({@link
 * io.chat.adapter.ws.transport.ClientGate}, {@link io.chat.adapter.ws.transport.ClientSocket}).
 */
package io.chat.adapter.ws.transport;
