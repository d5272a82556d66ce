#!/usr/bin/env bash
# With two order-service replicas running: orders placed and paid through the gateway make jobs (the
# process's asynchronous steps), and each replica's job executor must take some of them; shown by the
# engine's own log line for every acquisition. Run by docker/compose-test.sh: scaled.sh <compose project>.
set -euo pipefail
project=$1
gateway=http://localhost:${GATEWAY_PORT}
keycloak=http://localhost:${KEYCLOAK_PORT}/realms/oasis/protocol/openid-connect/token
fail() { echo "scaled: $*" >&2; exit 1; }

replicas=($(podman ps --format '{{.Names}}' --filter "label=io.podman.compose.project=$project" \
  --filter "label=com.docker.compose.service=order-service" | sort))
((${#replicas[@]} == 2)) || fail "expected 2 order-service replicas, found ${#replicas[@]}: ${replicas[*]}"

acquired() {  # acquired <container>: how many acquisitions of at least one job it logged
  podman logs "$1" 2>&1 | grep -c 'ENGINE-14022 Acquired [1-9]' || true
}
declare -A before
for replica in "${replicas[@]}"; do before[$replica]=$(acquired "$replica"); done

customer=$(curl -fsS "$keycloak" -d grant_type=password -d client_id=oasis-cli -d username=customer2 \
  -d password=dev-only-customer2 | jq -er .access_token)
# The second demo customer registers, unless already done (the stack may be kept between runs).
if ! curl -fsS -o /dev/null "$gateway/api/v1/customers/me" -H "Authorization: Bearer $customer"; then
  curl -fsS -o /dev/null -X POST "$gateway/api/v1/customers/me" -H "Authorization: Bearer $customer" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: scaled-$RANDOM" -d '{"country":"DE"}'
fi
both_took_jobs() {
  for replica in "${replicas[@]}"; do
    (($(acquired "$replica") > before[$replica])) || return 1
  done
}

awaiting_payment() {
  [[ $(curl -fsS "$gateway/api/v1/orders/$1" -H "Authorization: Bearer $customer" | jq -r .status) == AWAITING_PAYMENT ]]
}
# pay <order>: the provider's signed payment notice, through the gateway as a provider sends it.
pay() {
  local path=/api/v1/payments/webhook ts sig body="{\"orderId\":\"$1\",\"paymentId\":\"pay-$1\",\"outcome\":\"paid\",\"amount\":12.50,\"currency\":\"EUR\"}"
  ts=$(date +%s)
  sig=$(printf '%s\n%s\n%s\n%s' "$ts" POST "$path" "$body" | openssl dgst -sha256 -hmac "$ORDER_PAYMENT_WEBHOOK_SECRET" | sed 's/^.* //')
  curl -fsS -o /dev/null -X POST "$gateway$path" -H 'Content-Type: application/json' \
    -H "X-Oasis-Timestamp: $ts" -H "X-Oasis-Signature: sha256=$sig" -d "$body"
}
# Six orders, then their payments at once, as providers' notices arrive: the gateway opens a connection
# per notice in flight and spreads them over the replicas behind the service's name. A replica's executor
# is told at once of the jobs it creates (the warehouse and carrier calls), so each takes jobs.
orders=()
for n in 1 2 3 4 5 6; do
  orders+=($(curl -fsS -X POST "$gateway/api/v1/orders" -H "Authorization: Bearer $customer" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: scaled-$RANDOM-$n" \
    -d '{"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":1,"unitPrice":12.50}],
      "shippingAddress":{"name":"Demo Customer","line1":"Hauptstr. 1","postalCode":"10115","city":"Berlin","country":"DE"}}' | jq -er .id))
done
for order in "${orders[@]}"; do
  for _ in $(seq 1 30); do awaiting_payment "$order" && break; sleep 2; done
  awaiting_payment "$order" || fail "order $order did not wait for its payment"
done
pids=()
for order in "${orders[@]}"; do pay "$order" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid" || fail "a payment notice was refused"; done
for _ in $(seq 1 30); do both_took_jobs && break; sleep 2; done
for replica in "${replicas[@]}"; do
  echo "scaled: $replica acquired jobs $(($(acquired "$replica") - before[$replica])) times"
done
both_took_jobs || fail "not every replica has taken a job"
echo "scaled: both order-service replicas take jobs"
