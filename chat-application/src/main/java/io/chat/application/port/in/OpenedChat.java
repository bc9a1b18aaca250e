package io.chat.application.port.in;

/** A chat just opened, and whether the other participant is connected right now. */
public record OpenedChat(ChatView chat, boolean otherUserOnline) {}
