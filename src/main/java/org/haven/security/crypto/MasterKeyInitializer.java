package org.haven.security.crypto;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Loads the master key while the context is being prepared — before any ordinary bean, so before the embedded
 * database, the connection pool or Flyway start — and registers it as the {@link MasterKey} singleton. A missing or
 * malformed key therefore stops Haven at once with {@link MasterKeyUnavailableException}, whose message is the first
 * error the operator sees (formatted by {@link MasterKeyFailureAnalyzer}).
 */
class MasterKeyInitializer implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (!beanFactory.containsSingleton("havenMasterKey")) {
            beanFactory.registerSingleton("havenMasterKey", MasterKeySource.load(environment));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
