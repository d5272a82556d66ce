package io.oasis.notification.push;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerContactRepository;
import io.oasis.notification.delivery.NotificationAccess;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The push devices customers register for themselves. A customer registers, lists and removes their own
 * devices, found through their customer profile (the {@code subject} of their token in the contact
 * projection); support agents and admins list any customer's. Someone else's device is a 404, like one
 * that does not exist. A device token belongs to one customer, the one who registered it last (the app on
 * that device is now signed in as them), and a customer has at most {@code max-devices}.
 */
@Service
public class PushDevices {

    private static final Logger LOG = LoggerFactory.getLogger(PushDevices.class);

    private final PushDeviceRepository devices;
    private final CustomerContactRepository contacts;
    private final PushSettings settings;
    private final Clock clock;

    public PushDevices(PushDeviceRepository devices, CustomerContactRepository contacts, PushSettings settings,
            Clock clock) {
        this.devices = devices;
        this.contacts = contacts;
        this.settings = settings;
        this.clock = clock;
    }

    /** A registration's outcome: the device, and whether it is new (201) or was registered before (200). */
    public record Registered(DeviceView device, boolean created) {
    }

    /**
     * Registers the token for the caller's own profile; the same token again answers the device it already is.
     * Not one transaction: if two requests register the same token at once, the unique key lets one insert
     * win, and the other reads what it inserted.
     */
    public Registered register(DeviceRegistration request, CurrentUser caller) {
        UUID customerId = contacts.findFirstBySubject(caller.subject()).map(CustomerContact::getCustomerId)
                .orElseThrow(() -> new ConflictException("There is no customer profile for you here yet, so a device "
                        + "cannot be registered. Create your profile with POST /api/v1/customers/me; it reaches "
                        + "notifications within moments, then register the device again."));
        Optional<PushDevice> known = devices.findByToken(request.token());
        if (known.isPresent() && known.get().getCustomerId().equals(customerId)) {
            return new Registered(DeviceView.of(known.get()), false);
        }
        if (known.isPresent()) {
            // The device is signed in as this customer now: the previous one's pushes stop going there.
            devices.delete(known.get());
            devices.flush();
            LOG.info("Push device {} of customer {} registered again by customer {}: it is theirs now",
                    known.get().getId(), known.get().getCustomerId(), customerId);
        }
        if (devices.countByCustomerId(customerId) >= settings.maxDevices()) {
            throw new ConflictException("You have " + settings.maxDevices() + " push devices registered, the most one "
                    + "customer may have. Remove one you no longer use (DELETE /api/v1/notifications/devices/{id}), "
                    + "then register this one again.");
        }
        try {
            PushDevice device = devices.saveAndFlush(new PushDevice(UUID.randomUUID(), customerId, request.token(),
                    request.platform(), clock.instant()));
            LOG.info("Customer {} registered {} push device {}", customerId, device.getPlatform(), device.getId());
            return new Registered(DeviceView.of(device), true);
        } catch (DataIntegrityViolationException registeredMeanwhile) {
            return devices.findByCustomerIdAndToken(customerId, request.token())
                    .map(device -> new Registered(DeviceView.of(device), false))
                    .orElseThrow(() -> registeredMeanwhile);
        }
    }

    /** The caller's own devices, or (staff) those of {@code customerId}. */
    @Transactional(readOnly = true)
    public PageResponse<DeviceView> list(UUID customerId, Pageable page, CurrentUser caller) {
        UUID whose;
        if (NotificationAccess.isStaff(caller)) {
            if (customerId == null) {
                throw InvalidRequestException.field("customerId", "is required for support agents and admins");
            }
            whose = customerId;
        } else if (caller.hasRole(NotificationAccess.CUSTOMER)) {
            Optional<UUID> own = ownCustomerId(caller);
            if (customerId != null && !customerId.equals(own.orElse(null))) {
                throw new NotFoundException("No customer " + customerId + ".");
            }
            if (own.isEmpty()) {
                return new PageResponse<>(List.of(), page.getPageNumber(), page.getPageSize(), 0, 0);
            }
            whose = own.get();
        } else {
            throw new ForbiddenException("push devices are for the customer they belong to, support agents and admins");
        }
        return PageResponse.of(devices.findByCustomerId(whose, page), DeviceView::of);
    }

    /** Removes one of the caller's own devices; anyone else's (or none) is a 404. */
    @Transactional
    public void delete(UUID id, CurrentUser caller) {
        PushDevice device = devices.findById(id).orElseThrow(() -> notFound(id));
        boolean own = ownCustomerId(caller).map(device.getCustomerId()::equals).orElse(false);
        if (!own) {
            throw notFound(id);
        }
        devices.delete(device);
        LOG.info("Customer {} removed push device {}", device.getCustomerId(), id);
    }

    private Optional<UUID> ownCustomerId(CurrentUser caller) {
        return contacts.findFirstBySubject(caller.subject()).map(CustomerContact::getCustomerId);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No device " + id + ".");
    }
}
