package io.oasis.customer.profile;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.ProblemException;
import io.oasis.common.security.CurrentUser;
import io.oasis.customer.profile.CustomerEvents.CustomerEmailAlreadyRegistered;
import io.oasis.customer.profile.CustomerEvents.CustomerEmailConfirmationRequested;
import io.oasis.customer.profile.CustomerEvents.EmailPurpose;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's new email address takes effect only once the code mailed to it comes back. Asking for an
 * address records it as pending, with the hash of a fresh code, and mails the address through the
 * notification service: the code if the address is free, or, if another customer has it, a notice to that
 * customer that nothing was changed. Either way the caller gets the same answer and the profile looks the same
 * (the pending address, a code that works until a given time), so nobody learns from Oasis which addresses are
 * registered. Uniqueness is checked again when the code comes back, when the change takes effect.
 */
@Service
@Transactional
@EnableConfigurationProperties(EmailConfirmationProperties.class)
public class EmailConfirmations {

    private static final Logger LOG = LoggerFactory.getLogger(EmailConfirmations.class);

    private final CustomerRepository customers;
    private final CustomerEvents events;
    private final ConfirmationCodes codes;
    private final EmailConfirmationProperties settings;
    private final Clock clock;

    public EmailConfirmations(CustomerRepository customers, CustomerEvents events, ConfirmationCodes codes,
            EmailConfirmationProperties settings, Clock clock) {
        this.customers = customers;
        this.events = events;
        this.codes = codes;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records {@code address} as the customer's pending address and has it mailed: the code, or, when another
     * customer has the address, a notice to them. The same work is done either way (a code is made and hashed
     * even when nobody gets it), so neither the answer nor its timing tells the two apart.
     */
    public void request(Customer customer, String address, EmailPurpose purpose) {
        Instant expiresAt = clock.instant().plus(settings.codeValidity());
        String code = codes.newCode();
        customer.requestEmailChange(address, codes.hash(code), expiresAt);
        Optional<UUID> owner = ownerOf(address).filter(id -> !id.equals(customer.getId()));
        if (owner.isPresent()) {
            events.emailAlreadyRegistered(customer.getId(),
                    new CustomerEmailAlreadyRegistered(owner.get(), address, purpose));
        } else {
            events.emailConfirmationRequested(customer.getId(), new CustomerEmailConfirmationRequested(address, code,
                    expiresAt, settings.codeValidity().toMinutes(), purpose));
        }
        LOG.info("Customer {}: a new email address waits for confirmation until {}", customer.getId(), expiresAt);
    }

    /**
     * A registration (by an admin) that creates nothing because the address is taken: its owner is told, as
     * for a change request.
     */
    public void registrationOfTakenAddress(UUID owner, String address) {
        events.emailAlreadyRegistered(owner, new CustomerEmailAlreadyRegistered(owner, address, EmailPurpose.REGISTRATION));
    }

    /** The customer who has this address, if any (whatever its case). */
    public Optional<UUID> ownerOf(String address) {
        return customers.findByEmailKey(address.toLowerCase(Locale.ROOT)).map(Customer::getId);
    }

    /**
     * Checks the code of the customer's pending address. Attempts are counted one after the other (the row is
     * locked), so parallel guesses do not get more tries. A wrong, expired or exhausted code changes nothing but
     * the count; the outcome is committed before the caller turns it into an answer.
     */
    public Confirmation confirm(UUID id, String code, CurrentUser caller) {
        Customer customer = customers.lockById(id).orElseThrow(() -> CustomerAccess.notFound(id));
        CustomerAccess.requireEdit(caller, customer);
        if (customer.getStatus() != CustomerStatus.ACTIVE) {
            return Confirmation.refused(new ConflictException("The customer is "
                    + customer.getStatus().name().toLowerCase(Locale.ROOT) + " and can no longer be changed."));
        }
        if (customer.getPendingEmail() == null) {
            return Confirmation.refused(new ConflictException(
                    "No email change waits for confirmation: change the email first (PATCH), then send its code."));
        }
        Instant now = clock.instant();
        if (!now.isBefore(customer.getPendingEmailExpiresAt())) {
            customer.dropPendingEmail();
            return Confirmation.refused(InvalidRequestException.field("code",
                    "has expired: change the email again to get a new code"));
        }
        if (!codes.matches(code, customer.getPendingEmailCodeHash())) {
            int failed = customer.pendingEmailCodeFailed();
            if (failed >= settings.maxAttempts()) {
                customer.dropPendingEmail();
                LOG.warn("Customer {}: the email change was cancelled after {} wrong codes", id, failed);
                return Confirmation.refused(InvalidRequestException.field("code",
                        "was wrong too often: the email change is cancelled, change the email again to get a new code"));
            }
            return Confirmation.refused(InvalidRequestException.field("code", "is not the code sent to the new "
                    + "address (" + (settings.maxAttempts() - failed) + " more tries)"));
        }
        // Whoever holds the code holds the mailbox: telling them the address was taken meanwhile reveals nothing.
        if (ownerOf(customer.getPendingEmail()).filter(owner -> !owner.equals(id)).isPresent()) {
            customer.dropPendingEmail();
            return Confirmation.refused(new ConflictException(
                    "Another customer registered this email address since you asked for it; nothing was changed."));
        }
        customer.confirmPendingEmail(now);
        try {
            customers.saveAndFlush(customer);
        } catch (DataIntegrityViolationException raced) {
            throw new ConflictException("Another customer took this email address at the same moment; nothing was changed.");
        }
        CustomerView view = CustomerView.of(customer);
        events.updated(view);
        LOG.info("Customer {}: the new email address is confirmed", id);
        return new Confirmation(view, null);
    }

    /**
     * What a confirmation came to: the changed profile, or the problem to answer with (after the transaction
     * that counted the attempt has committed).
     */
    public record Confirmation(CustomerView customer, ProblemException refusal) {

        static Confirmation refused(ProblemException refusal) {
            return new Confirmation(null, refusal);
        }

        /** The changed profile, or the refusal thrown. */
        public CustomerView orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return customer;
        }
    }
}
