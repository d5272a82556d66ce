package io.oasis.common.consumer;

import io.oasis.common.events.ReceivedEvent;

/** Handles one event of an {@link EventConsumerRoute}; throwing makes the event retry, then dead-letter. */
@FunctionalInterface
public interface EventHandler {

    void handle(ReceivedEvent event) throws Exception;
}
