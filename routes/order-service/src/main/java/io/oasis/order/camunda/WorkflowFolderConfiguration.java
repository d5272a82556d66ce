package io.oasis.order.camunda;

import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analysts' loop, on when {@code oasis.workflows.watch-directory} names a folder (the launcher's workflows/). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${oasis.workflows.watch-directory:}'.isBlank()")
class WorkflowFolderConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    WorkflowFolderDeployer workflowFolderDeployer(RepositoryService repository,
            @Value("${oasis.workflows.watch-directory}") Path folder,
            @Value("${oasis.workflows.watch-interval}") Duration interval,
            @Value("${oasis.workflows.write-back:false}") boolean writeBack) {
        return new WorkflowFolderDeployer(repository, folder, interval, writeBack);
    }
}
