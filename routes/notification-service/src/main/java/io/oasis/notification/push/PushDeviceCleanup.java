package io.oasis.notification.push;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryListener;
import io.oasis.notification.delivery.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A device whose token the provider no longer knows (uninstalled app, expired or never valid token) is
 * removed, so no later push goes to it. The app registers its new token when it runs again.
 */
@Component
public class PushDeviceCleanup implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(PushDeviceCleanup.class);

    private final PushDeviceRepository devices;

    public PushDeviceCleanup(PushDeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    @Transactional
    public void failed(Notification notification, DeliveryException failure) {
        if (notification.getChannel() != Channel.PUSH || notification.getDeviceId() == null
                || failure.kind() != DeliveryException.Kind.INVALID_CONTACT) {
            return;
        }
        devices.findById(notification.getDeviceId()).ifPresent(device -> {
            devices.delete(device);
            LOG.warn("Push device {} of customer {} removed: {}", device.getId(), device.getCustomerId(),
                    failure.getMessage());
        });
    }
}
