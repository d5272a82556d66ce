package io.oasis.customer.profile;

/** A customer's life: active, deactivated (kept for history) or erased (personal fields gone). */
public enum CustomerStatus {
    ACTIVE,
    DEACTIVATED,
    ERASED
}
