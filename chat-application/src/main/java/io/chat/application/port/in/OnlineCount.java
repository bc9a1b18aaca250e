package io.chat.application.port.in;

/** How many of a chat's current members are connected now, of how many. */
public record OnlineCount(int online, int members) {}
