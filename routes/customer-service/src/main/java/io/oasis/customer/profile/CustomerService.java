package io.oasis.customer.profile;

import static io.oasis.customer.profile.CustomerAccess.notFound;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.error.PreconditionFailedException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
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
    private final EmailConfirmations confirmations;
    private final CustomerAudit audit;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, CustomerPreferencesRepository preferences,
            CustomerEvents events, EmailConfirmations confirmations, CustomerAudit audit, Clock clock) {
        this.customers = customers;
        this.preferences = preferences;
        this.events = events;
        this.confirmations = confirmations;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An admin registers a customer. The answer is the same whether or not the address is taken (see
     * {@link Registration}): a free address gets its profile at once, staff vouching for it; a taken one creates
     * nothing, and its owner is told by mail that someone tried to register it.
     */
    public Registration register(CustomerRequest request) {
        Optional<UUID> owner = confirmations.ownerOf(request.email());
        if (owner.isPresent()) {
            confirmations.registrationOfTakenAddress(owner.get(), request.email());
            return Registration.accepted(null);
        }
        return Registration.accepted(create(request, null));
    }

    /**
     * A signed-in customer creates their own profile; identity fields come from the token. An address the
     * identity provider verified and nobody has yet is the profile's at once. Otherwise the profile starts
     * without a confirmed address, the token's address pending: its code goes there, or, if another customer
     * has it, a notice to them. Both look the same to the caller.
     */
    public Registration registerSelf(SelfRegistration request, CurrentUser caller) {
        if (customers.findBySubject(caller.subject()).isPresent()) {
            throw new ConflictException("You already have a customer profile: GET /api/v1/customers/me.");
        }
        if (caller.email() == null || caller.givenName() == null || caller.familyName() == null) {
            throw new InvalidRequestException("Your account lacks the email or name a profile needs.",
                    List.of(new FieldError("token", "needs email, given_name and family_name claims")));
        }
        CustomerRequest contact = new CustomerRequest(caller.email(), caller.givenName(), caller.familyName(),
                request.phone(), request.country(), request.shippingAddress());
        // Whoever owns a verified address may learn that it is taken: the notice goes to that very mailbox.
        if (caller.emailVerified() && confirmations.ownerOf(caller.email()).isEmpty()) {
            return Registration.created(create(contact, caller.subject()));
        }
        Instant now = clock.instant();
        Customer customer = newCustomer(caller.subject(), now);
        customer.changeContact(null, contact.givenName(), contact.familyName(), contact.phone(), contact.country(), now);
        customer.changeShippingAddress(contact.shippingAddress(), now);
        saveNew(customer, contact.phone() != null, caller.subject(), now);
        confirmations.request(customer, contact.email(), CustomerEvents.EmailPurpose.REGISTRATION);
        customers.saveAndFlush(customer);
        return Registration.accepted(CustomerView.of(customer));
    }

    private CustomerView create(CustomerRequest request, String subject) {
        Instant now = clock.instant();
        Customer customer = newCustomer(subject, now);
        customer.changeContact(request.email(), request.givenName(), request.familyName(), request.phone(),
                request.country(), now);
        customer.changeShippingAddress(request.shippingAddress(), now);
        return saveNew(customer, request.phone() != null, subject, now);
    }

    private static Customer newCustomer(String subject, Instant now) {
        return new Customer(UUID.randomUUID(), subject, now);
    }

    private CustomerView saveNew(Customer customer, boolean hasPhone, String subject, Instant now) {
        try {
            customers.saveAndFlush(customer);
        } catch (DataIntegrityViolationException raced) {
            // Two registrations with one address (or one subject) at the same moment: one wins.
            throw new ConflictException("Another registration for this address or account happened at the same "
                    + "moment; try again.");
        }
        CustomerPreferences defaults = preferences.saveAndFlush(
                CustomerPreferences.defaultsFor(customer.getId(), hasPhone, now));
        CustomerView view = CustomerView.of(customer);
        events.registered(view, PreferencesView.of(defaults), subject);
        return view;
    }

    /**
     * What a registration answers. {@code created}: the profile exists with its address (201). Otherwise it was
     * accepted (202): the profile, if one was made, waits for its address to be confirmed, or the address's
     * owner was told. Nothing in an accepted answer tells whether the address was free.
     */
    public record Registration(boolean created, CustomerView customer) {

        static Registration created(CustomerView customer) {
            return new Registration(true, customer);
        }

        static Registration accepted(CustomerView customer) {
            return new Registration(false, customer);
        }
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
    public PageResponse<CustomerView> list(CustomerFilter filter, Pageable page) {
        return PageResponse.of(customers.findAll(filter.toSpecification(), page), CustomerView::of);
    }

    /**
     * Applies a change to the contact fields. The caller sends the version they read
     * ({@code If-Match}); a change made by someone else in between is a 412, not a silent overwrite.
     * The email address is not changed here: a new one waits for its code (see {@link EmailConfirmations}), and
     * naming the current one again cancels a change that waits.
     *
     * @param emailNamed whether the patch named {@code email}; if not, the address is left alone
     */
    public ContactUpdate update(UUID id, CustomerRequest changed, boolean emailNamed, long expectedVersion,
            CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireEdit(caller, customer);
        requireVersion(customer.getVersion(), expectedVersion);
        requireActive(customer);
        Instant now = clock.instant();
        boolean hadPhone = customer.getPhone() != null;
        boolean detailsChanged = !Objects.equals(changed.givenName(), customer.getGivenName())
                || !Objects.equals(changed.familyName(), customer.getFamilyName())
                || !Objects.equals(changed.phone(), customer.getPhone())
                || !Objects.equals(normalizedCountry(changed.country()), customer.getCountry())
                || !Objects.equals(changed.shippingAddress(), customer.getShippingAddress());
        if (detailsChanged) {
            customer.changeDetails(changed.givenName(), changed.familyName(), changed.phone(), changed.country(), now);
            customer.changeShippingAddress(changed.shippingAddress(), now);
        }
        boolean emailChangeRequested = emailNamed && !changed.email().equals(customer.getEmail());
        if (emailChangeRequested) {
            confirmations.request(customer, changed.email(), CustomerEvents.EmailPurpose.CHANGE);
        } else if (emailNamed && customer.getPendingEmail() != null) {
            customer.dropPendingEmail();
        }
        customers.saveAndFlush(customer);
        CustomerView view = CustomerView.of(customer);
        if (detailsChanged) {
            events.updated(view);
            phoneChanged(id, hadPhone, changed.phone() != null, now);
        }
        return new ContactUpdate(view, emailChangeRequested);
    }

    /**
     * The profile after a change.
     *
     * @param emailChangeRequested a new address was asked for and waits for its code (answered 202)
     */
    public record ContactUpdate(CustomerView customer, boolean emailChangeRequested) {
    }

    private static String normalizedCountry(String country) {
        return country == null ? null : country.toUpperCase(Locale.ROOT);
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
        if (changed.email() != null) {
            requireUniqueEmail(changed.email(), id);
        }
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

    /**
     * The current contact fields of a customer the caller may edit, as a patch applies to them. A profile still
     * without a confirmed address shows the pending one, so a patch of other fields stays valid.
     */
    @Transactional(readOnly = true)
    public CustomerRequest editable(UUID id, CurrentUser caller) {
        Customer customer = find(id);
        CustomerAccess.requireEdit(caller, customer);
        CustomerRequest contact = contactOf(customer);
        return contact.email() != null ? contact : new CustomerRequest(customer.getPendingEmail(),
                contact.givenName(), contact.familyName(), contact.phone(), contact.country(), contact.shippingAddress());
    }

    private static CustomerRequest contactOf(Customer customer) {
        return new CustomerRequest(customer.getEmail(), customer.getGivenName(), customer.getFamilyName(),
                customer.getPhone(), customer.getCountry(), customer.getShippingAddress());
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

    /** For changes that take effect at once (the CRM's): another customer's address is refused. */
    private void requireUniqueEmail(String email, UUID self) {
        if (customers.existsByEmailKeyAndIdNot(email.toLowerCase(Locale.ROOT), self)) {
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
