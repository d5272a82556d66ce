package io.oasis.common.consumer;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.transaction.support.TransactionTemplate;

import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.tracing.TraceParents;

/** What every {@link EventConsumerRoute} shares: the database, the envelope mapper and the retry settings. */
public class EventConsumerSupport {

    private final DataSource dataSource;
    private final TransactionTemplate transactionTemplate;
    private final CloudEventMapper mapper;
    private final ConsumerProperties properties;
    private final TraceParents traceParents;

    public EventConsumerSupport(DataSource dataSource, TransactionTemplate transactionTemplate, CloudEventMapper mapper,
            ConsumerProperties properties, TraceParents traceParents) {
        this.dataSource = dataSource;
        this.transactionTemplate = transactionTemplate;
        this.mapper = mapper;
        this.properties = properties;
        this.traceParents = traceParents;
    }

    public TraceParents traceParents() {
        return traceParents;
    }

    public CloudEventMapper mapper() {
        return mapper;
    }

    public ConsumerProperties properties() {
        return properties;
    }

    /** The processed-id store of one consumer (its route id names its rows). */
    public ProcessedEventRepository repository(String consumer, CamelContext camelContext) {
        ProcessedEventRepository repository = new ProcessedEventRepository(dataSource, transactionTemplate, consumer,
                camelContext);
        repository.setLockMaxAgeMillis(properties.getLockMaxAge().toMillis());
        repository.setLockKeepAliveIntervalMillis(properties.getLockKeepAlive().toMillis());
        return repository;
    }
}
