package io.oasis.common.address;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;

/**
 * Countries as ISO 3166-1 alpha-2 codes, from the JDK's own list ({@link Locale#getISOCountries()}): what a
 * caller writes ({@code de}, {@code DEU}, {@code Germany}) becomes the code ({@code DE}).
 */
public final class Countries {

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> BY_ALPHA3_OR_NAME = new HashMap<>();

    static {
        for (String code : CODES) {
            Locale country = new Locale("", code);
            try {
                BY_ALPHA3_OR_NAME.put(country.getISO3Country(), code);
            } catch (MissingResourceException noAlpha3) {
                // A code without an alpha-3 form is still reachable by its alpha-2 code and name.
            }
            BY_ALPHA3_OR_NAME.put(country.getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT), code);
        }
    }

    private Countries() {
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 code, exactly (upper case). */
    public static boolean isAlpha2(String code) {
        return code != null && CODES.contains(code);
    }

    /**
     * The alpha-2 code of an alpha-2 or alpha-3 code or an English country name, in any case; what is none of
     * these comes back trimmed and unchanged, for validation to refuse.
     */
    public static String alpha2(String text) {
        if (text == null) {
            return null;
        }
        String key = text.trim().toUpperCase(Locale.ROOT);
        if (CODES.contains(key)) {
            return key;
        }
        return BY_ALPHA3_OR_NAME.getOrDefault(key, text.trim());
    }
}
