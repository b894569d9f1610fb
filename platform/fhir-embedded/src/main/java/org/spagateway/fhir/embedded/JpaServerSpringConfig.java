package org.spagateway.fhir.embedded;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.FhirContextR4Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The Spring wiring of the HAPI FHIR JPA server (R4), without Spring Boot: HAPI's own configuration classes plus the
 * beans an application must supply (storage settings, data source, entity manager factory, transaction manager and
 * the {@link RestfulServer}). {@link FhirServerConfig} and the shared {@link FhirContext} are registered as beans by
 * {@link EmbeddedFhirServer} before the context is refreshed. Package-private: Spring stays inside this module.
 */
@Configuration
@Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
        ThreadPoolFactoryConfig.class, SubscriptionChannelConfig.class})
class JpaServerSpringConfig {

    /**
     * Overrides HAPI's {@code FhirContextR4Config} bean: the server uses the JVM's one R4 context, with the parser
     * options HAPI's JPA server relies on (versioned references kept in {@code AuditEvent.entity.what}).
     */
    @Bean(name = "primaryFhirContext")
    @Primary
    FhirContext primaryFhirContext(SharedFhirContext shared) {
        return FhirContextR4Config.configureFhirContext(shared.context());
    }

    @Bean
    JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // HAPI reuses identical searches for 60 s from a cache kept in the database (across restarts): a reader
        // would not see a record written a moment ago. Off: every search reads the current state (DESIGN.md).
        settings.setReuseCachedSearchResultsForMillis(null);
        // Clients may write references to resources they have not created (e.g. a logical Patient reference).
        settings.setEnforceReferentialIntegrityOnWrite(false);
        settings.setAllowExternalReferences(true);
        return settings;
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean(destroyMethod = "close")
    BasicDataSource dataSource(FhirServerConfig config) {
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setUrl(config.jdbcUrl());
        dataSource.setUsername(config.jdbcUsername());
        dataSource.setPassword(config.jdbcPassword());
        dataSource.setMaxTotal(config.maxConnections());
        dataSource.setMaxWait(java.time.Duration.ofSeconds(30));
        return dataSource;
    }

    @Bean
    @Primary
    LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beanFactory,
                                                                FhirContext fhirContext,
                                                                JpaStorageSettings storageSettings,
                                                                DataSource dataSource, FhirServerConfig config) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaProperties(hibernateProperties(StorageDialect.forJdbcUrl(config.jdbcUrl())));
        return factory;
    }

    /**
     * Schema by {@code hbm2ddl=update}: right for the embedded H2 store. A production PostgreSQL schema is managed
     * by HAPI's migrator instead (DESIGN.md); full-text search (Hibernate Search) is not used.
     */
    private static Properties hibernateProperties(StorageDialect dialect) {
        Properties properties = new Properties();
        properties.put("hibernate.dialect", dialect.hibernateDialect());
        properties.put("hibernate.hbm2ddl.auto", "update");
        properties.put("hibernate.format_sql", "false");
        properties.put("hibernate.show_sql", "false");
        properties.put("hibernate.search.enabled", "false");
        return properties;
    }

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    RestfulServer restfulServer(FhirContext fhirContext, FhirServerConfig config, IFhirSystemDao<?, ?> systemDao,
                                ResourceProviderFactory resourceProviders,
                                JpaSystemProvider<?, ?> systemProvider, JpaStorageSettings storageSettings,
                                ISearchParamRegistry searchParamRegistry, IValidationSupport validationSupport,
                                DatabaseBackedPagingProvider pagingProvider) {
        RestfulServer server = new RestfulServer(fhirContext);
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(server, systemDao, storageSettings,
                searchParamRegistry, validationSupport));
        server.setPagingProvider(pagingProvider);
        server.setDefaultPrettyPrint(false);
        server.registerInterceptor(new FhirAccessInterceptor(config.access()));
        return server;
    }
}
