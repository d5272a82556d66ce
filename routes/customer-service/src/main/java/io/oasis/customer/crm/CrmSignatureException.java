package io.oasis.customer.crm;

import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;

/** A webhook call that is not proven to come from the CRM (401); nothing of it is applied. */
public class CrmSignatureException extends ProblemException {

    public CrmSignatureException(String detail) {
        super(ProblemType.UNAUTHORIZED, detail);
    }
}
