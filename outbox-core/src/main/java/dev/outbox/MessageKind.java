package dev.outbox;

/** What a message asks of its receiver; it decides the kind of address it is delivered to. */
public enum MessageKind {
    /** Asks exactly one receiver to do something; delivered to an anycast (queue) address. */
    COMMAND,
    /** Tells any interested receiver that something happened; delivered to a multicast (topic) address. */
    EVENT,
    /** Answers a command; delivered to the anycast address the requester named. */
    REPLY
}
