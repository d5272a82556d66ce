package io.oasis.notification;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GreenMail's SMTP server on a fixed loopback port, so that a test can stop and start it and the service
 * finds it again, with what a real relay does at {@code RCPT TO}: a test can have it refuse an address with a
 * reply of its choosing, for good (an unknown mailbox: {@code 550}) or for the next few tries (greylisting:
 * {@code 451}). Everything else is plain GreenMail.
 */
public class TestMailServer extends GreenMail {

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    public TestMailServer(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** Every {@code RCPT TO} for the address is answered with {@code reply}, e.g. {@code 550 5.1.1 No such user}. */
    public void refuseRecipient(String address, String reply) {
        refuseRecipient(address, reply, Integer.MAX_VALUE);
    }

    /** The next {@code times} {@code RCPT TO}s for the address are answered with {@code reply}; then it is accepted. */
    public void refuseRecipient(String address, String reply, int times) {
        refusals.put(address.toLowerCase(Locale.ROOT), new Refusal(reply, new AtomicInteger(times)));
    }

    /** The mails delivered to {@code address}'s mailbox so far: one per envelope recipient, whatever the headers say. */
    public List<MimeMessage> receivedBy(String address) {
        return findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true).toList();
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        services.replaceAll((protocol, server) -> server instanceof SmtpServer
                ? new PolicySmtpServer(server.getServerSetup(), managers)
                : server);
        return services;
    }

    private record Refusal(String reply, AtomicInteger remaining) {
    }

    private final class PolicySmtpServer extends SmtpServer {

        private final SmtpManager manager;

        PolicySmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
            this.manager = new PolicySmtpManager(managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new SmtpHandler(new SmtpCommandRegistry(), manager, socket);
        }
    }

    /** GreenMail's own manager for everything but the recipient check, so delivery and waiting work as usual. */
    private final class PolicySmtpManager extends SmtpManager {

        private final SmtpManager delegate;

        PolicySmtpManager(Managers managers) {
            super(managers.getImapHostManager(), managers.getUserManager());
            this.delegate = managers.getSmtpManager();
        }

        @Override
        public String checkRecipient(SmtpState state, MailAddress address) {
            Refusal refusal = refusals.get(address.getEmail().toLowerCase(Locale.ROOT));
            if (refusal != null && refusal.remaining().getAndDecrement() > 0) {
                return refusal.reply();
            }
            return delegate.checkRecipient(state, address);
        }

        @Override
        public String checkSender(SmtpState state, MailAddress address) {
            return delegate.checkSender(state, address);
        }

        @Override
        public String checkData(SmtpState state) {
            return delegate.checkData(state);
        }

        @Override
        public void send(SmtpState state) {
            delegate.send(state);
        }
    }
}
