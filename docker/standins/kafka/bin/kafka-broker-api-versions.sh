#!/bin/bash
# The distribution's health probe: lists the API versions of the broker(s) given.
KAFKA_HEAP_OPTS=-Xmx64m exec /opt/kafka/bin/kafka-run-class.sh kafka.admin.BrokerApiVersionsCommand "$@"
