package io.oasis.platform;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * DEV ONLY, the launcher's embedded H2. The order service's engine runs there on Camunda's PostgreSQL
 * dialect (H2 in PostgreSQL mode takes its scripts), whose authorization checks compare permissions with
 * the {@code &} operator, which H2 lacks: every query of a signed-in engine user (a designer on
 * engine-rest, Cockpit) failed. This gives that dialect Camunda's own H2 expression in this JVM, where the
 * order service's engine is the only one. Never used with a real PostgreSQL.
 */
final class H2AuthorizationChecks extends AbstractProcessEnginePlugin {

    /** The engine's dialect on the launcher's H2 (which the launcher sets). */
    static final String ENGINE_DIALECT = "postgres";
    private static final String H2 = "h2";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DbSqlSessionFactory.databaseSpecificBitAnd1.put(ENGINE_DIALECT, DbSqlSessionFactory.databaseSpecificBitAnd1.get(H2));
        DbSqlSessionFactory.databaseSpecificBitAnd2.put(ENGINE_DIALECT, DbSqlSessionFactory.databaseSpecificBitAnd2.get(H2));
        DbSqlSessionFactory.databaseSpecificBitAnd3.put(ENGINE_DIALECT, DbSqlSessionFactory.databaseSpecificBitAnd3.get(H2));
    }
}
