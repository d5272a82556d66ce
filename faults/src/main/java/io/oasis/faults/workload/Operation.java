package io.oasis.faults.workload;

/** What a request of the workload does: the steps an order goes through, and the checks around them. */
public enum Operation {
    PLACE_ORDER, APPROVE, PAY, SHIP, DELIVER, REGISTER, SUBSCRIBE, RATE_PROBE, TOKEN_PROBE
}
