package io.oasis.faults.scenario;

import io.oasis.faults.check.Databases;
import io.oasis.faults.check.Partners;
import io.oasis.faults.workload.Callers;
import io.oasis.faults.workload.Deployment;
import io.oasis.faults.workload.Gateways;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fault works with: the container tool, the partners' stand-in, the deployment's settings, the gateways and
 * tokens for probes, and the run's webhook subscription. A fault writes what its probes found as notes, which the
 * report prints under the scenario's counts, each marked as held or not.
 */
public final class FaultContext {

    /** A probe's outcome: what was checked and whether it held. */
    public record Note(String text, boolean held) {
    }

    private final Podman podman;
    private final Partners partners;
    private final Databases databases;
    private final Deployment deployment;
    private final Gateways gateways;
    private final Callers callers;
    private final String subscriptionId;
    private final String webhookPath;
    private final List<Note> notes = new ArrayList<>();
    private final Map<String, String> state = new HashMap<>();

    public FaultContext(Podman podman, Partners partners, Databases databases, Deployment deployment,
            Gateways gateways, Callers callers, String subscriptionId, String webhookPath) {
        this.podman = podman;
        this.partners = partners;
        this.databases = databases;
        this.deployment = deployment;
        this.gateways = gateways;
        this.callers = callers;
        this.subscriptionId = subscriptionId;
        this.webhookPath = webhookPath;
    }

    public Podman podman() {
        return podman;
    }

    public Partners partners() {
        return partners;
    }

    public Databases databases() {
        return databases;
    }

    public Deployment deployment() {
        return deployment;
    }

    public Gateways gateways() {
        return gateways;
    }

    public Callers callers() {
        return callers;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String webhookPath() {
        return webhookPath;
    }

    public String network() {
        return deployment.get("FAULTS_NETWORK");
    }

    public synchronized void note(String text, boolean held) {
        notes.add(new Note(text, held));
    }

    public synchronized List<Note> notes() {
        return List.copyOf(notes);
    }

    /** Something inject leaves for heal (a stub's id, the broker it killed). */
    public Map<String, String> state() {
        return state;
    }
}
