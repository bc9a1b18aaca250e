package io.chat.application.port.in;

/** A support chat as the desk sees it, with one page of its messages. */
public record SupportChatDetail(ChatView chat, HistoryPage history) {}
