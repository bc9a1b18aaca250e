package io.chat.adapter.http.archviolation;

import io.chat.application.service.ChatServices;

/** An adapter that takes the wired core instead of the ports it calls. */
public final class RestWiresTheCore {
  ChatServices services;
}
