#!/usr/bin/env bash
# The fault suite's deployment, checked end to end (run by faults/deployment.sh smoke, which passes the
# settings of faults/deployment.sh env in the environment):
#   1. the compose test's journey (docker/compose-test/journey.sh) through gateway 1;
#   2. a second customer's order through its whole journey via gateway 2;
#   3. both order nodes took jobs (the engine logs each acquisition);
#   4. the oasis topics, and Kafka's internal ones, have three replicas and min.insync.replicas=2;
#   5. the services' Kafka producers run with acks=all and idempotence (as their settings say, logged);
#   6. with a broker killed (-9), an order still completes; the broker is started again afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
IFS=, read -r gateway1 gateway2 <<<"$FAULTS_GATEWAY_URLS"
keycloak=$FAULTS_KEYCLOAK_URL/realms/oasis/protocol/openid-connect/token
partners=$FAULTS_PARTNERS_URL
IFS=, read -r order1 order2 <<<"$FAULTS_ORDER_CONTAINERS"
IFS=, read -r kafka1 kafka2 _ <<<"$FAULTS_KAFKA_CONTAINERS"
started=$SECONDS

fail() { echo "smoke: $*" >&2; exit 1; }
say() { printf '[smoke %4ds] %s\n' $((SECONDS - started)) "$*"; }
await() {  # await <seconds> <what> <command...>
  local seconds=$1 what=$2
  local deadline=$((SECONDS + seconds))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${seconds} s"
    sleep 2
  done
}
acquired() {  # acquired <container>: how many acquisitions of at least one job its engine logged
  podman logs "$1" 2>&1 | grep -c 'ENGINE-14022 Acquired [1-9]' || true
}
before1=$(acquired "$order1") before2=$(acquired "$order2")

# journey <gateway> <demo user>: the user's order, placed, paid by the provider's signed notice, booked
# with the carrier, shipped and delivered by the carrier's signed notices, and its delivery mail.
journey() {
  local gateway=$1 user=$2 token order answered tracking delivered_before
  token=$(curl -fsS "$keycloak" -d grant_type=password -d client_id=oasis-cli -d username="$user" \
    -d password="dev-only-$user" | jq -er .access_token) || fail "no token for $user"
  call() {  # call <method> <path> [body]: the body of a 2xx answer
    local response status
    response=$(curl -sS -w '\n%{http_code}' -X "$1" "$gateway$2" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: smoke-$(openssl rand -hex 8)" ${3:+-d "$3"})
    status=${response##*$'\n'}
    [[ $status == 2* ]] || fail "$1 $2 via $gateway answered $status: ${response%$'\n'*}"
    echo "${response%$'\n'*}"
  }
  signed() {  # signed <path> <secret> <body>: a partner's HMAC-signed notice; prints the status
    local ts sig
    ts=$(date +%s)
    sig=$(printf '%s\n%s\n%s\n%s' "$ts" POST "$1" "$3" | openssl dgst -sha256 -hmac "$2" | sed 's/^.* //')
    curl -sS -o /dev/null -w '%{http_code}' -X POST "$gateway$1" -H 'Content-Type: application/json' \
      -H "X-Oasis-Timestamp: $ts" -H "X-Oasis-Signature: sha256=$sig" -d "$3"
  }
  status_is() { [[ $(call GET "/api/v1/orders/$order" | jq -r .status) == "$1" ]]; }
  tracking_of() {  # the tracking id the carrier's stand-in gave this order
    curl -fsS "$partners/__admin/requests" | jq -er --arg order "$1" '[.requests[]
      | select(.request.url == "/carrier/shipments" and (.request.body | fromjson | .orderId) == $order)
      | .response.body | fromjson | .trackingId] | last | select(. != null)'
  }
  delivered_mails() {  # how many delivery mails the user's mailbox holds (one IMAP search)
    curl -sS -u "$user@oasis.example:any" "imap://localhost:$FAULTS_MAIL_IMAP_PORT/INBOX" \
      -X 'SEARCH SUBJECT "Your order has been delivered"' | tr -d '\r' | sed -n 's/^\* SEARCH//p' | wc -w
  }
  more_delivered_mails() { (($(delivered_mails) > delivered_before)); }

  curl -fs -o /dev/null "$gateway/api/v1/customers/me" -H "Authorization: Bearer $token" \
    || call POST /api/v1/customers/me '{"country":"DE"}' >/dev/null
  delivered_before=$(delivered_mails)
  order=$(call POST /api/v1/orders \
    '{"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":2,"unitPrice":12.50}]}' | jq -er .id)
  await 90 "order $order waits for its payment" status_is AWAITING_PAYMENT
  answered=$(signed /api/v1/payments/webhook "$ORDER_PAYMENT_WEBHOOK_SECRET" \
    "{\"orderId\":\"$order\",\"paymentId\":\"pay-$order\",\"outcome\":\"paid\"}")
  [[ $answered == 2* ]] || fail "the signed payment notice for $order answered $answered"
  await 120 "order $order is paid and booked with the carrier" status_is PAID
  await 30 "the carrier's tracking id for $order" tracking_of "$order"
  tracking=$(tracking_of "$order")
  answered=$(signed "/api/v1/orders/$order/shipment" "$ORDER_CARRIER_CALLBACK_SECRET" \
    "{\"trackingId\":\"$tracking\",\"event\":\"shipped\"}")
  [[ $answered == 2* ]] || fail "the carrier's shipment notice for $order answered $answered"
  await 90 "order $order is shipped" status_is SHIPPED
  answered=$(signed "/api/v1/orders/$order/delivery" "$ORDER_CARRIER_CALLBACK_SECRET" \
    "{\"trackingId\":\"$tracking\",\"event\":\"delivered\"}")
  [[ $answered == 2* ]] || fail "the carrier's delivery notice for $order answered $answered"
  await 90 "order $order is delivered" status_is DELIVERED
  await 120 "the delivery mail for $order" more_delivered_mails
  say "order $order of $user via $gateway: paid, shipped, delivered, mailed"
}

say "1. the compose test's journey through gateway 1 ($gateway1)"
customer=$(curl -fsS "$keycloak" -d grant_type=password -d client_id=oasis-cli -d username=customer \
  -d password=dev-only-customer | jq -er .access_token) || fail "no token for the demo customer"
if curl -fs -o /dev/null "$gateway1/api/v1/customers/me" -H "Authorization: Bearer $customer"; then
  # The journey registers the demo customer: on a deployment that has run it before, an order of theirs.
  say "the demo customer is registered already (the smoke ran before): an order of theirs instead"
  journey "$gateway1" customer
else
  GATEWAY_PORT=${gateway1##*:} KEYCLOAK_PORT=${FAULTS_KEYCLOAK_URL##*:} PARTNERS_PORT=${partners##*:} \
    MAIL_IMAP_PORT=$FAULTS_MAIL_IMAP_PORT docker/compose-test/journey.sh
fi

say "2. a second customer's order via gateway 2 ($gateway2)"
journey "$gateway2" customer2

say "3. both order nodes take jobs"
# The journeys' jobs may all have gone to one node; a few more orders paid at once spread them, as the
# gateway spreads the payment notices over both nodes and each node runs the jobs it creates first.
both_took_jobs() { (($(acquired "$order1") > before1 && $(acquired "$order2") > before2)); }
if ! both_took_jobs; then
  pids=()
  for gateway in "$gateway1" "$gateway2" "$gateway1"; do journey "$gateway" customer2 & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || fail "an order of the extra ones did not complete"; done
fi
both_took_jobs || fail "not both order nodes took jobs: $order1 $(($(acquired "$order1") - before1)), $order2 $(($(acquired "$order2") - before2))"
say "$order1 acquired jobs $(($(acquired "$order1") - before1)) times, $order2 $(($(acquired "$order2") - before2)) times"

say "4. the topics' replication"
describe=$(podman exec "$kafka1" /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka-1:9092 --describe \
  --topic 'oasis\..*|__consumer_offsets' | grep -v '^\[')   # (without the tool's own log lines)
echo "$describe" | grep -v '^\s*Topic:.*Partition:' || true
for topic in oasis.customer.events oasis.order.events oasis.payment.events __consumer_offsets; do
  line=$(grep -E "^Topic: $topic\s" <<<"$describe") || fail "no topic $topic"
  [[ $line == *"ReplicationFactor: 3"* ]] || fail "$topic: not three replicas: $line"
  [[ $line == *"min.insync.replicas=2"* ]] \
    || [[ $topic == __consumer_offsets ]] || fail "$topic: min.insync.replicas is not 2: $line"
  # Every partition has all three replicas in sync.
  if grep -E "^\s*Topic: $topic\s.*Partition:" <<<"$describe" | grep -vE 'Isr: [0-9]+,[0-9]+,[0-9]+(\s|$)' | grep -q .; then
    fail "$topic: a partition without three in-sync replicas"
  fi
done
# The internal topics take the brokers' default (min.insync.replicas=2 in compose.yml).
podman exec "$kafka1" /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka-1:9092 --describe --all \
  --entity-type brokers --entity-name 1 | grep -E '^\s*min\.insync\.replicas=2 ' >/dev/null \
  || fail "the brokers' default min.insync.replicas is not 2"
say "oasis topics and __consumer_offsets: replication factor 3, min.insync.replicas 2, all replicas in sync"

say "5. the services' Kafka producers: acks=all, idempotent"
producers=0
for service in ${FAULTS_CUSTOMER_CONTAINERS//,/ } ${FAULTS_ORDER_CONTAINERS//,/ } ${FAULTS_NOTIFICATION_CONTAINERS//,/ }; do
  # One (JSON) log line per producer, its settings in the message.
  while read -r settings; do
    [[ -n $settings ]] || continue
    grep -q 'acks = -1' <<<"$settings" || fail "$service: a producer without acks=all: $(grep -oE 'acks = [^\\"]*' <<<"$settings")"
    grep -q 'enable.idempotence = true' <<<"$settings" || fail "$service: a producer without idempotence"
    producers=$((producers + 1))
  done < <(podman logs "$service" 2>&1 | grep 'ProducerConfig values' || true)
done
((producers > 0)) || fail "no service logged its producers' settings"
say "$producers producers logged acks=all and enable.idempotence=true, none other"

say "6. broker $kafka1 killed (-9); an order still completes"
podman kill -s KILL "$kafka1" >/dev/null
journey "$gateway1" customer2
say "starting $kafka1 again"
# (Podman's complaints about systemd go to a file: a filter on a pipe would wait for the broker's monitor
# process, which keeps the pipe, and hold the caller's lock with it.)
errors=$(mktemp)
podman start "$kafka1" >/dev/null 2>"$errors" || { cat "$errors" >&2; fail "cannot start $kafka1"; }
rm -f "$errors"
await 180 "$kafka1 is healthy again" podman healthcheck run "$kafka1"
say "passed in $((SECONDS - started)) s"
