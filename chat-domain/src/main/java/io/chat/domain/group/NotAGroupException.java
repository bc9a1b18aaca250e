package io.chat.domain.group;

import io.chat.domain.shared.NotFoundException;

/** A group operation on a chat that is not a group: there is no such group. */
public class NotAGroupException extends NotFoundException {
  public NotAGroupException() {
    super("Group not found");
  }
}
