package io.oasis.order.camunda;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's identity service without a user store of its own: the only person it knows is the one
 * signed in for the current request ({@link SignedInPerson}, from their Keycloak token), with their
 * groups. People are managed in Keycloak alone: the service is read-only (the Admin app offers no
 * user or group editing), checks no passwords, knows no tenants, and never reads Camunda's own user
 * and group tables. Outside a signed-in request (the job executor, the order API's engine calls) it
 * knows nobody.
 */
@Component
public class SignedInIdentityProvider extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Registered as read-only only, so the engine has no writable identity provider at all.
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return ReadOnlyIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new Provider();
            }
        });
    }

    static final class Provider implements ReadOnlyIdentityProvider {

        @Override
        public User findUserById(String userId) {
            return users().filter(user -> user.getId().equals(userId)).findFirst().orElse(null);
        }

        @Override
        public UserQuery createUserQuery() {
            return new SignedInUsers(txRequired());
        }

        @Override
        public UserQuery createUserQuery(CommandContext commandContext) {
            return new SignedInUsers(txRequired());
        }

        @Override
        public NativeUserQuery createNativeUserQuery() {
            throw new BadUserRequestException("Native user queries are not supported: people are managed in Keycloak");
        }

        @Override
        public boolean checkPassword(String userId, String password) {
            return false;
        }

        @Override
        public Group findGroupById(String groupId) {
            return groups().filter(group -> group.getId().equals(groupId)).findFirst().orElse(null);
        }

        @Override
        public GroupQuery createGroupQuery() {
            return new GroupsOfSignedIn(txRequired());
        }

        @Override
        public GroupQuery createGroupQuery(CommandContext commandContext) {
            return new GroupsOfSignedIn(txRequired());
        }

        @Override
        public Tenant findTenantById(String tenantId) {
            return null;
        }

        @Override
        public TenantQuery createTenantQuery() {
            return new NoTenants(txRequired());
        }

        @Override
        public TenantQuery createTenantQuery(CommandContext commandContext) {
            return new NoTenants(txRequired());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        private static CommandExecutor txRequired() {
            return Context.getProcessEngineConfiguration().getCommandExecutorTxRequired();
        }
    }

    static Stream<User> users() {
        return SignedInPerson.current().stream().map(person -> {
            UserEntity user = new UserEntity(person.id());
            user.setFirstName(person.firstName());
            user.setLastName(person.lastName());
            user.setEmail(person.email());
            return user;
        });
    }

    static Stream<Group> groups() {
        return SignedInPerson.current().stream().flatMap(person -> person.groups().stream()).map(id -> {
            GroupEntity group = new GroupEntity(id);
            group.setName(id);
            group.setType(GROUP_TYPE);
            return group;
        });
    }

    /** Every group here is a workflow group (Camunda's type for groups that tasks and rights name). */
    static final String GROUP_TYPE = Groups.GROUP_TYPE_WORKFLOW;

    static final class SignedInUsers extends UserQueryImpl {

        SignedInUsers(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return executeList(commandContext, null).size();
        }

        @Override
        public List<User> executeList(CommandContext commandContext, Page page) {
            Optional<SignedInPerson> person = SignedInPerson.current();
            // Which users may start a definition, or belong to a tenant: nobody this provider knows of.
            if (procDefId != null || tenantId != null) {
                return List.of();
            }
            return paged(users()
                    .filter(user -> id == null || id.equals(user.getId()))
                    .filter(user -> ids == null || Arrays.asList(ids).contains(user.getId()))
                    .filter(user -> firstName == null || firstName.equals(user.getFirstName()))
                    .filter(like(firstNameLike, User::getFirstName))
                    .filter(user -> lastName == null || lastName.equals(user.getLastName()))
                    .filter(like(lastNameLike, User::getLastName))
                    .filter(user -> email == null || email.equals(user.getEmail()))
                    .filter(like(emailLike, User::getEmail))
                    .filter(user -> groupId == null || person.map(p -> p.groups().contains(groupId)).orElse(false)),
                    page);
        }
    }

    static final class GroupsOfSignedIn extends GroupQueryImpl {

        GroupsOfSignedIn(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return executeList(commandContext, null).size();
        }

        @Override
        public List<Group> executeList(CommandContext commandContext, Page page) {
            if (procDefId != null || tenantId != null) {
                return List.of();
            }
            String signedIn = SignedInPerson.current().map(SignedInPerson::id).orElse(null);
            return paged(groups()
                    .filter(group -> id == null || id.equals(group.getId()))
                    .filter(group -> ids == null || Arrays.asList(ids).contains(group.getId()))
                    .filter(group -> name == null || name.equals(group.getName()))
                    .filter(like(nameLike, Group::getName))
                    .filter(group -> type == null || type.equals(group.getType()))
                    .filter(group -> userId == null || userId.equals(signedIn)),
                    page);
        }
    }

    static final class NoTenants extends TenantQueryImpl {

        NoTenants(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return 0;
        }

        @Override
        public List<Tenant> executeList(CommandContext commandContext, Page page) {
            return List.of();
        }
    }

    /** A query's {@code ...Like} filter: SQL LIKE with {@code %} wildcards, case-insensitive as Camunda's are. */
    static <T> Predicate<T> like(String pattern, Function<T, String> value) {
        if (pattern == null) {
            return anything -> true;
        }
        String regex = Arrays.stream(pattern.toLowerCase().split("%", -1))
                .map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("");
        return item -> value.apply(item) != null && value.apply(item).toLowerCase().matches(regex);
    }

    private static <T> List<T> paged(Stream<T> items, Page page) {
        Stream<T> all = items.filter(Objects::nonNull);
        if (page != null) {
            all = all.skip(page.getFirstResult()).limit(page.getMaxResults());
        }
        return all.toList();
    }
}
