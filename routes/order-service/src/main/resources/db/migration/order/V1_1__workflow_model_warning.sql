-- What the model checks warned about when a deployment went live (errors refuse the deployment, so they are never
-- kept): one row per warning, by the engine's deployment id, for whoever reports on deployments.
CREATE TABLE workflow_model_warning (
    deployment_id  VARCHAR(64)   NOT NULL,
    resource_name  VARCHAR(255)  NOT NULL,
    position       INTEGER       NOT NULL,
    element_id     VARCHAR(255),
    message        VARCHAR(2000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deployment_id, resource_name, position)
);
