package io.oasis.customer.profile;

import static io.oasis.customer.access.CustomerAccess.notFound;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.error.PreconditionFailedException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import io.oasis.customer.access.CustomerAccess;
import io.oasis.customer.preferences.CustomerPreferences;
import io.oasis.customer.preferences.CustomerPreferencesRepository;
import io.oasis.customer.preferences.PreferencesRequest;
import io.oasis.customer.preferences.PreferencesView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import io.oasis.common.error.ForbiddenException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer profiles and preferences: every change checks who is asking, keeps the rules of the
 * domain, and writes its event to the outbox in the same transaction.
 */
@Service
@Transactional
public class CustomerService {

    private final CustomerRepository customers;
    private final CustomerPreferencesRepository preferences;
    private final CustomerEvents events;
    private final CustomerAudit audit;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, CustomerPreferencesRepository preferences,
            CustomerEvents events, CustomerAudit audit, Clock clock) {
        this.customers = customers;
        this.preferences = preferences;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** An admin (or a partner's integration) registers a customer. */
    public CustomerView register(CustomerRequest request, CurrentUser caller) {
        CustomerAccess.requireAdmin(caller);
        return create(request, null);
    }

    /** A signed-in customer creates their own profile; identity fields come from the token. */
    public CustomerView registerSelf(SelfRegistration request, CurrentUser caller) {
        if (!caller.hasRole(CustomerAccess.CUSTOMER)) {
            throw new ForbiddenException("only customers register themselves");
        }
        if (customers.findBySubject(caller.subject()).isPresent()) {
            throw new ConflictException("You already have a customer profile: GET /api/v1/customers/me.");
        }
        if (caller.email() == null || caller.givenName() == null || caller.familyName() == null) {
            throw new InvalidRequestException("Your account lacks the email or name a profile needs.",
                    List.of(new FieldError("token", "needs email, given_name and family_name claims")));
        }
        return create(new CustomerRequest(caller.email(), caller.givenName(), caller.familyName(), request.phone(),
                request.country()), caller.subject());
    }

    private CustomerView create(CustomerRequest request, String subject) {
        requireUniqueEmail(request.email(), null);
        Instant now = clock.instant();
        Customer customer = new Customer(UUID.randomUUID(), subject, now);
        customer.changeContact(request.email(), request.givenName(), request.familyName(), request.phone(),
                request.country(), now);
        try {
            customers.saveAndFlush(customer);
        } catch (DataIntegrityViolationException raced) {
            // Two registrations with one address (or one subject) at the same moment: one wins.
            throw new ConflictException("Another customer already uses this email address.");
        }
        CustomerPreferences defaults = preferences.saveAndFlush(
                CustomerPreferences.defaultsFor(customer.getId(), request.phone() != null, now));
        CustomerView view = CustomerView.of(customer);
        events.registered(view, PreferencesView.of(defaults), subject);
        return view;
    }

    @Transactional(readOnly = true)
    public CustomerView get(UUID id, CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireRead(caller, customer);
        return CustomerView.of(customer);
    }

    @Transactional(readOnly = true)
    public CustomerView me(CurrentUser caller) {
        return CustomerView.of(own(caller));
    }

    /** The caller's own profile, or 404 telling them how to create it. */
    @Transactional(readOnly = true)
    public Customer own(CurrentUser caller) {
        return customers.findBySubject(caller.subject()).orElseThrow(() -> new NotFoundException(
                "You have no customer profile yet: create it with POST /api/v1/customers/me."));
    }

    @Transactional(readOnly = true)
    public PageResponse<CustomerView> list(CustomerFilter filter, Pageable page, CurrentUser caller) {
        CustomerAccess.requireStaff(caller);
        return PageResponse.of(customers.findAll(filter.toSpecification(), page), CustomerView::of);
    }

    /**
     * Applies a change to the contact fields. The caller sends the version they read
     * ({@code If-Match}); a change made by someone else in between is a 412, not a silent overwrite.
     */
    public CustomerView update(UUID id, CustomerRequest changed, long expectedVersion, CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireEdit(caller, customer);
        requireVersion(customer.getVersion(), expectedVersion);
        requireActive(customer);
        requireUniqueEmail(changed.email(), id);
        Instant now = clock.instant();
        boolean hadPhone = customer.getPhone() != null;
        customer.changeContact(changed.email(), changed.givenName(), changed.familyName(), changed.phone(),
                changed.country(), now);
        customers.saveAndFlush(customer);
        CustomerView view = CustomerView.of(customer);
        events.updated(view);
        phoneChanged(id, hadPhone, changed.phone() != null, now);
        return view;
    }

    /**
     * Applies a contact change made in the CRM, last writer wins: only if the CRM changed the contact
     * after the last change here, so a newer local edit is never overwritten. The profile then carries
     * the CRM's time, and its event is marked as coming from the CRM so the connector does not send
     * it back.
     *
     * @param change    the new contact fields, given the current ones
     * @param changedAt when the CRM changed the contact
     * @return the changed profile, or empty if the local profile is as new or newer (nothing changed)
     */
    public Optional<CustomerView> applyCrmChange(UUID id, UnaryOperator<CustomerRequest> change, Instant changedAt) {
        Customer customer = find(id);
        if (!changedAt.isAfter(customer.getUpdatedAt())) {
            return Optional.empty();
        }
        requireActive(customer);
        CustomerRequest changed = change.apply(contactOf(customer));
        requireUniqueEmail(changed.email(), id);
        boolean hadPhone = customer.getPhone() != null;
        customer.changeContact(changed.email(), changed.givenName(), changed.familyName(), changed.phone(),
                changed.country(), changedAt);
        customers.saveAndFlush(customer);
        CustomerView view = CustomerView.of(customer);
        events.updatedByCrm(view);
        phoneChanged(id, hadPhone, changed.phone() != null, clock.instant());
        return Optional.of(view);
    }

    /** SMS follows the phone number: a number added or removed can change the SMS opt-in. */
    private void phoneChanged(UUID id, boolean hadPhone, boolean hasPhone, Instant now) {
        if (hadPhone == hasPhone) {
            return;
        }
        CustomerPreferences current = preferencesOf(id);
        boolean before = current.isSmsOptIn();
        current.phoneChanged(hasPhone, now);
        if (before != current.isSmsOptIn()) {
            events.preferencesChanged(PreferencesView.of(preferences.saveAndFlush(current)));
        }
    }

    /** The current contact fields of a customer the caller may edit, as a patch applies to them. */
    @Transactional(readOnly = true)
    public CustomerRequest editable(UUID id, CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireEdit(caller, customer);
        return contactOf(customer);
    }

    private static CustomerRequest contactOf(Customer customer) {
        return new CustomerRequest(customer.getEmail(), customer.getGivenName(), customer.getFamilyName(),
                customer.getPhone(), customer.getCountry());
    }

    /** Deactivates the customer; the data stays for history and open orders. */
    public CustomerView deactivate(UUID id, Long expectedVersion, CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireEdit(caller, customer);
        if (expectedVersion != null) {
            requireVersion(customer.getVersion(), expectedVersion);
        }
        if (customer.getStatus() != CustomerStatus.ACTIVE) {
            return CustomerView.of(customer); // deleting twice changes nothing
        }
        customer.deactivate(clock.instant());
        customers.saveAndFlush(customer);
        audit.record(id, "DEACTIVATED", caller, null);
        events.deactivated(id);
        return CustomerView.of(customer);
    }

    @Transactional(readOnly = true)
    public PreferencesView preferences(UUID id, CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireRead(caller, customer);
        return PreferencesView.of(preferencesOf(id));
    }

    public PreferencesView replacePreferences(UUID id, PreferencesRequest request, Long expectedVersion,
            CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireEdit(caller, customer);
        requireActive(customer);
        CustomerPreferences current = preferencesOf(id);
        if (expectedVersion != null) {
            requireVersion(current.getVersion(), expectedVersion);
        }
        if (request.smsOptIn() && customer.getPhone() == null) {
            throw InvalidRequestException.field("smsOptIn", "needs a phone number on the profile first");
        }
        current.replace(request.emailOptIn(), request.smsOptIn(), request.pushOptIn(), request.webhookOptIn(),
                request.locale(), request.timeZone(), request.quietHoursStart(), request.quietHoursEnd(),
                request.marketingConsent(), clock.instant());
        PreferencesView view = PreferencesView.of(preferences.saveAndFlush(current));
        events.preferencesChanged(view);
        return view;
    }

    /** A customer by id, or 404. Callers check access before they show anything. */
    @Transactional(readOnly = true)
    public Customer find(UUID id) {
        return customers.findById(id).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return customers.existsById(id);
    }

    private CustomerPreferences preferencesOf(UUID id) {
        return preferences.findById(id).orElseThrow(() -> notFound(id));
    }

    private void requireUniqueEmail(String email, UUID self) {
        String key = email.toLowerCase(Locale.ROOT);
        boolean taken = self == null ? customers.existsByEmailKey(key) : customers.existsByEmailKeyAndIdNot(key, self);
        if (taken) {
            throw new ConflictException("Another customer already uses this email address.");
        }
    }

    private static void requireVersion(long actual, long expected) {
        if (!Objects.equals(actual, expected)) {
            throw new PreconditionFailedException("The customer changed since you read it (your version "
                    + expected + ", now " + actual + "): read it again and reapply your change.");
        }
    }

    private static void requireActive(Customer customer) {
        if (customer.getStatus() != CustomerStatus.ACTIVE) {
            throw new ConflictException("The customer is " + customer.getStatus().name().toLowerCase(Locale.ROOT)
                    + " and can no longer be changed.");
        }
    }
}
