#!/usr/bin/env bash
# The end-to-end journey through the gateway of a running compose stack, as a shop and its partners
# would drive it: a token from Keycloak, the customer's profile, a webhook subscription, an order that
# needs approval, the manager's approval, the provider's signed payment notice, the warehouse and carrier
# calls, the carrier's signed shipment and delivery notices, the mails in the mail catcher and the signed
# webhook. Run by docker/compose-test.sh; reads the ports and secrets from its environment.
set -euo pipefail
gateway=http://localhost:${GATEWAY_PORT}
keycloak=http://localhost:${KEYCLOAK_PORT}/realms/oasis/protocol/openid-connect/token
partners=http://localhost:${PARTNERS_PORT}

fail() { echo "journey: $*" >&2; exit 1; }
say() { echo "journey: $*"; }
# await <seconds> <what> <command...>: the command succeeds within the time, or the journey fails.
await() {
  local seconds=$1 what=$2
  local deadline=$((SECONDS + seconds))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${seconds} s"
    sleep 2
  done
}
token() {  # token <demo user>: the realm's dev-only demo users, password grant of the public CLI client
  curl -fsS "$keycloak" -d grant_type=password -d client_id=oasis-cli -d username="$1" -d password="dev-only-$1" \
    | jq -er .access_token
}
api() {  # api <method> <path> <token> [body]: prints the body, fails on a status other than 2xx
  local response status
  response=$(curl -sS -w '\n%{http_code}' -X "$1" "$gateway$2" -H "Authorization: Bearer $3" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(openssl rand -hex 8)" ${4:+-d "$4"})
  status=${response##*$'\n'}
  [[ $status == 2* ]] || fail "$1 $2 answered $status: ${response%$'\n'*}"
  echo "${response%$'\n'*}"
}
signed() {  # signed <path> <secret> <body>: a partner's notice, HMAC-signed over timestamp, method, path, body
  local ts sig
  ts=$(date +%s)
  sig=$(printf '%s\n%s\n%s\n%s' "$ts" POST "$1" "$3" | openssl dgst -sha256 -hmac "$2" | sed 's/^.* //')
  curl -sS -o /dev/null -w '%{http_code}' -X POST "$gateway$1" -H 'Content-Type: application/json' \
    -H "X-Oasis-Timestamp: $ts" -H "X-Oasis-Signature: sha256=$sig" -d "$3"
}
status_is() { [[ $(api GET "/api/v1/orders/$ORDER" "$customer" | jq -r .status) == "$1" ]]; }
partner_got() {  # partner_got <method> <url>: the partners' stand-in recorded such a request
  curl -fsS "$partners/__admin/requests" | jq -e --arg m "$1" --arg u "$2" \
    '[.requests[] | select(.request.method == $m and .request.url == $u)] | length > 0'
}
mail_subjects() {  # the subjects of every mail in the customer's mailbox (IMAP, any password)
  local count uid
  count=$(curl -sS -u 'customer@oasis.example:any' "imap://localhost:${MAIL_IMAP_PORT}/INBOX" -X 'STATUS INBOX (MESSAGES)' \
    | sed -n 's/.*MESSAGES \([0-9]*\).*/\1/p')
  for ((uid = 1; uid <= ${count:-0}; uid++)); do
    curl -sS -u 'customer@oasis.example:any' "imap://localhost:${MAIL_IMAP_PORT}/INBOX;MAILINDEX=$uid;SECTION=HEADER.FIELDS%20(SUBJECT)" \
      | sed -n 's/^Subject: //p' | tr -d '\r'
  done
}

customer=$(token customer) || fail "no token for the demo customer from Keycloak"
manager=$(token manager)
integration=$(curl -fsS "$keycloak" -d grant_type=client_credentials -d client_id=integration-demo \
  -d client_secret=dev-only-integration-demo-secret | jq -er .access_token)
say "tokens from Keycloak"

# The demo customer registers (name and address come from the token), then reads their profile.
api POST /api/v1/customers/me "$customer" '{"country":"DE"}' >/dev/null
[[ $(api GET /api/v1/customers/me "$customer" | jq -r .email) == customer@oasis.example ]] \
  || fail "the demo customer's profile is not theirs"
say "the customer registered and reads their profile"

subscription=$(api POST /api/v1/webhooks/subscriptions "$integration" \
  '{"url":"http://partners:8080/webhooks/shop","eventTypes":["OrderPlaced","OrderDelivered"]}')
webhook_secret=$(jq -er .secret <<<"$subscription")
say "a webhook subscription"

ORDER=$(api POST /api/v1/orders "$customer" \
  '{"currency":"EUR","items":[{"sku":"DESK-1","name":"Standing desk","quantity":1,"unitPrice":1200.00}],
    "shippingAddress":{"name":"Demo Customer","line1":"Hauptstr. 1","postalCode":"10115","city":"Berlin","country":"DE"}}' | jq -er .id)
say "order $ORDER placed"
await 60 "the order waits for review" status_is IN_REVIEW
api POST "/api/v1/orders/$ORDER/approval" "$manager" '{"approve":true}' >/dev/null
await 60 "the approved order waits for its payment" status_is AWAITING_PAYMENT
say "approved by the order manager"

answered=$(signed /api/v1/payments/webhook "$ORDER_PAYMENT_WEBHOOK_SECRET" \
  "{\"orderId\":\"$ORDER\",\"paymentId\":\"pay-$ORDER\",\"outcome\":\"paid\",\"amount\":1200.00,\"currency\":\"EUR\"}")
[[ $answered == 2* ]] || fail "the signed payment notice answered $answered"
await 90 "the warehouse reservation" partner_got POST /warehouse/reservations
await 90 "the carrier booking" partner_got POST /carrier/shipments
tracking=$(curl -fsS "$partners/__admin/requests" | jq -er \
  '[.requests[] | select(.request.url == "/carrier/shipments") | .response.body | fromjson | .trackingId][0]')
say "paid; the warehouse reserved, the carrier booked $tracking"

await 60 "the order is ready to ship" bash -c "[[ \$(curl -fsS -H 'Authorization: Bearer $customer' $gateway/api/v1/orders/$ORDER | jq -r .status) == PAID ]]"
answered=$(signed "/api/v1/orders/$ORDER/shipment" "$ORDER_CARRIER_CALLBACK_SECRET" "{\"trackingId\":\"$tracking\",\"event\":\"shipped\"}")
[[ $answered == 2* ]] || fail "the carrier's signed shipment notice answered $answered"
await 60 "the order is shipped" status_is SHIPPED
answered=$(signed "/api/v1/orders/$ORDER/delivery" "$ORDER_CARRIER_CALLBACK_SECRET" "{\"trackingId\":\"$tracking\",\"event\":\"delivered\"}")
[[ $answered == 2* ]] || fail "the carrier's signed delivery notice answered $answered"
await 60 "the order is delivered" status_is DELIVERED
say "shipped and delivered"

# (grep reads every line: with -q it would stop early and fail the pipeline under pipefail)
has_mail() { mail_subjects | grep -x -- "$1" >/dev/null; }
await 90 "the welcome mail" has_mail "$(cat config/templates/CustomerRegistered/email.en.subject.mustache)"
await 90 "the order confirmation mail" has_mail "We received your order"
await 90 "the delivery mail" has_mail "Your order has been delivered"
say "the customer's mails are in the mail catcher"

webhook() {  # the delivery of this order's OrderDelivered event to the subscription, as received
  curl -fsS "$partners/__admin/requests" | jq -ec --arg order "$ORDER" '[.requests[]
    | select(.request.url == "/webhooks/shop") | .request
    | select((.body | fromjson | .type) == "OrderDelivered" and (.body | fromjson | .data.orderId) == $order)][0]
    | select(. != null)'
}
await 90 "the signed webhook" webhook
delivery=$(webhook)
header() { jq -er --arg name "$1" '.headers | to_entries[] | select((.key | ascii_downcase) == $name) | .value' <<<"$delivery"; }
expected=$(printf '%s.%s.%s' "$(header webhook-id)" "$(header webhook-timestamp)" "$(jq -r .body <<<"$delivery")" \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(base64 -d <<<"${webhook_secret#whsec_}" | od -An -tx1 | tr -d ' \n')" -binary | base64)
[[ " $(header webhook-signature) " == *" v1,$expected "* ]] || fail "the webhook's signature does not verify"
say "the webhook arrived, signed with the subscription's secret"
