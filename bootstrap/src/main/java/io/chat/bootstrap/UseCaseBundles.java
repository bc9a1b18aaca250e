package io.chat.bootstrap;

import io.chat.adapter.http.ChatUseCases;
import io.chat.adapter.ws.RealtimeUseCases;
import io.chat.application.service.ChatServices;

/**
 * Each driving adapter's inbound ports, picked out of the core wired by hand. It lives here because
 * only the composition root knows the services: the adapters see the ports they call, never {@link
 * ChatServices}, so a host's container can hand them its own bindings instead.
 */
public final class UseCaseBundles {
  private UseCaseBundles() {}

  /** Every use case the REST API serves. */
  public static ChatUseCases rest(ChatServices s) {
    return new ChatUseCases(
        s.authenticate(),
        s.listChats(),
        s.openChat(),
        s.readHistory(),
        s.sendMessage(),
        s.markAllSeen(),
        s.markSeen(),
        s.clearHistory(),
        s.toggleMute(),
        s.muteStatus(),
        s.blockUser(),
        s.unblockUser(),
        s.listBlocked(),
        s.registerPushToken(),
        s.removePushToken(),
        s.listSupportChats(),
        s.readSupportChat(),
        s.openSupportChat(),
        s.replyToSupportChat(),
        s.updateSupportChat(),
        s.markSupportChatRead(),
        s.registerUser(),
        s.readiness(),
        s.chats(),
        s.groups(),
        s.lifecycle(),
        s.search(),
        s.clientRules());
  }

  /** The use cases the realtime endpoints call. */
  public static RealtimeUseCases realtime(ChatServices s) {
    return new RealtimeUseCases(
        s.authenticate(),
        s.sendMessage(),
        s.relayTyping(),
        s.markSeen(),
        s.goOnline(),
        s.goOffline(),
        s.chats(),
        s.lifecycle());
  }
}
