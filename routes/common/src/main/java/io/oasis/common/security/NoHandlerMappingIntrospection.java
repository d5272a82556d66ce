package io.oasis.common.security;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * Takes Spring MVC's handler-mapping introspection out of the security filter chain.
 *
 * <p>With Spring MVC present, Spring Security 6 puts a filter in front of every chain that looks up
 * the MVC handler of each request, so that {@code MvcRequestMatcher}s can reuse the result. Oasis
 * matches paths with {@link org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher}
 * only, so that lookup is done for nothing, on every request: a twentieth of the gateway's CPU per
 * request, and a second full handler lookup besides the dispatcher's own.
 *
 * <p>Spring Security registers the filter by wrapping the {@code springSecurityFilterChain} bean
 * definition in a composite of [the cache filter, the original definition]. Bean factory post-processors
 * run after every registry post-processor, so this puts the original definition back.
 */
final class NoHandlerMappingIntrospection implements BeanFactoryPostProcessor {

    private static final String WRAPPER = "WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(name)) {
            return;
        }
        BeanDefinition chain = registry.getBeanDefinition(name);
        if (chain.getBeanClassName() == null || !chain.getBeanClassName().endsWith(WRAPPER)) {
            return;
        }
        var argument = chain.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (argument != null && argument.getValue() instanceof ManagedList<?> filters && filters.size() == 2
                && filters.get(1) instanceof BeanDefinition wrapped) {
            registry.removeBeanDefinition(name);
            registry.registerBeanDefinition(name, wrapped);
        }
    }
}
