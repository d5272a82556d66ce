package io.oasis.customer.crm;

import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;

/** The CRM did not take a change an admin asked to send (502). */
public class CrmUnavailableException extends ProblemException {

    public CrmUnavailableException(String detail) {
        super(ProblemType.BAD_GATEWAY, detail);
    }
}
