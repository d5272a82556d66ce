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
# pay_at <replica> <order>: the provider's signed payment notice, sent to that replica itself. Through the
# gateway every notice would reach the same replica (it keeps its pooled connections to the address it
# resolved first), and a replica's executor is told of the jobs it creates at once, so the other one
# would rarely find a job waiting; this way each replica creates jobs of its own.
pay_at() {
  local path=/api/v1/payments/webhook ts sig body="{\"orderId\":\"$2\",\"paymentId\":\"pay-$2\",\"outcome\":\"paid\"}"
  ts=$(date +%s)
  sig=$(printf '%s\n%s\n%s\n%s' "$ts" POST "$path" "$body" | openssl dgst -sha256 -hmac "$ORDER_PAYMENT_WEBHOOK_SECRET" | sed 's/^.* //')
  podman exec "$1" busybox wget -q -O /dev/null --header 'Content-Type: application/json' \
    --header "X-Oasis-Timestamp: $ts" --header "X-Oasis-Signature: sha256=$sig" --post-data "$body" \
    "http://127.0.0.1:8082$path"
}
# Three orders paid at each replica: the jobs after a payment (the warehouse and carrier calls) run
# wherever an executor acquires them first.
for replica in "${replicas[@]}"; do
  for n in 1 2 3; do
    order=$(curl -fsS -X POST "$gateway/api/v1/orders" -H "Authorization: Bearer $customer" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: scaled-$RANDOM-$n" \
      -d '{"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":1,"unitPrice":12.50}]}' | jq -er .id)
    for _ in $(seq 1 30); do awaiting_payment "$order" && break; sleep 2; done
    awaiting_payment "$order" || fail "order $order did not wait for its payment"
    pay_at "$replica" "$order" || fail "$replica refused the payment notice of order $order"
  done
done
for _ in $(seq 1 30); do both_took_jobs && break; sleep 2; done
for replica in "${replicas[@]}"; do
  echo "scaled: $replica acquired jobs $(($(acquired "$replica") - before[$replica])) times"
done
both_took_jobs || fail "not every replica has taken a job"
echo "scaled: both order-service replicas take jobs"
