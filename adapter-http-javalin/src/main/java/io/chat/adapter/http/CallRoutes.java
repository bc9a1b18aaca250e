package io.chat.adapter.http;

import io.chat.adapter.http.Route.Reply;
import io.chat.application.port.in.IceServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The REST side of calls: the ICE servers a client gives its peer connection. Signaling itself is
 * realtime ({@code call:*} events).
 */
final class CallRoutes {
  static final String ICE_SERVERS = "/api/v1/calls/ice-servers";

  /** What a server without calls answers: no ICE server (host candidates only). */
  private static final IceServers NONE = new IceServers(List.of(), Duration.ofHours(1).toSeconds());

  private CallRoutes() {}

  static void define(RouteTable t, ChatUseCases u) {
    t.get(ICE_SERVERS)
        .summary(
            "calls",
            "The STUN and TURN servers for a call, with TURN credentials of the caller's own that"
                + " hold for ttlSeconds")
        .returns(200, "IceServers")
        .does(
            c ->
                u.iceServers().isPresent()
                    ? u.iceServers().get().iceServers(c.me()).thenApply(CallRoutes::reply)
                    : CompletableFuture.completedFuture(reply(NONE)));
  }

  private static Reply reply(IceServers servers) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(
        "iceServers",
        servers.servers().stream()
            .map(
                s -> {
                  Map<String, Object> server = new LinkedHashMap<>();
                  server.put("urls", s.urls());
                  s.username().ifPresent(name -> server.put("username", name));
                  s.credential().ifPresent(credential -> server.put("credential", credential));
                  return server;
                })
            .toList());
    data.put("ttlSeconds", servers.ttlSeconds());
    return Reply.ok("ICE servers fetched", data);
  }
}
