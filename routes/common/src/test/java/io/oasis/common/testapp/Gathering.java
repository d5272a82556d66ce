package io.oasis.common.testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Requests that wait for each other: each answers only once the expected number are in progress at once. */
@Component
public class Gathering {

    private volatile CountDownLatch arrivals = new CountDownLatch(0);
    private volatile int expected;

    public void expect(int requests) {
        expected = requests;
        arrivals = new CountDownLatch(requests);
    }

    /** Counts this request in and waits (5 s at most) for the others. */
    public String meet() throws InterruptedException {
        CountDownLatch latch = arrivals;
        latch.countDown();
        boolean together = latch.await(5, TimeUnit.SECONDS);
        return together ? expected + " together" : (expected - latch.getCount()) + " of " + expected;
    }
}
