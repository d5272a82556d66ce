package io.oasis.customer.profile;

import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The one-time codes that confirm an email address: eight random digits, kept only as a BCrypt hash. With
 * five tries per code a guess succeeds once in twenty million; and the slow hash makes a leaked hash useless
 * long before anyone could try the hundred million codes against it, as the code expires in minutes.
 */
@Component
public class ConfirmationCodes {

    /** Eight digits, as the confirmation operation expects them. */
    public static final String PATTERN = "[0-9]{8}";
    private static final int BOUND = 100_000_000;

    private final SecureRandom random = new SecureRandom();
    private final PasswordEncoder hashes = new BCryptPasswordEncoder();

    /** A new code, to be sent to the address and forgotten. */
    public String newCode() {
        return String.format("%08d", random.nextInt(BOUND));
    }

    public String hash(String code) {
        return hashes.encode(code);
    }

    /** Whether {@code code} is the one {@code hash} was made from; false for anything that is not a code. */
    public boolean matches(String code, String hash) {
        return code != null && hash != null && code.matches(PATTERN) && hashes.matches(code, hash);
    }
}
