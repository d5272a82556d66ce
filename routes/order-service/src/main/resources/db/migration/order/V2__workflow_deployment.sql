-- Who deployed a workflow, where the engine knew them (a signed-in engine-rest caller, e.g. from
-- Camunda Modeler). At history level audit the engine keeps no user operation log of its own.
-- Deployments from the folder or at start-up have no user and no row.
CREATE TABLE workflow_deployment (
    deployment_id   VARCHAR(64)   PRIMARY KEY,
    deployed_by     VARCHAR(255)  NOT NULL,
    deployed_by_name VARCHAR(255),
    deployed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
