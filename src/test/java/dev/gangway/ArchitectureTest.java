package dev.gangway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import org.junit.jupiter.api.Test;

/**
 * The layering the code tour in the README describes, checked on the compiled main classes: a
 * change that breaks it fails the build, not a later review.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.gangway");

  /** The domain packages: entities, rules, use cases and the ports they declare. */
  private static final String[] DOMAIN = {
    "dev.gangway.access",
    "dev.gangway.audit",
    "dev.gangway.company",
    "dev.gangway.directory",
    "dev.gangway.identity",
    "dev.gangway.signin",
    "dev.gangway.webhook"
  };

  @Test
  void contexts_depend_on_each_other_without_cycles() {
    ArchRule rule = slices().matching("dev.gangway.(*)..").should().beFreeOfCycles();
    rule.check(MAIN);
  }

  @Test
  void packages_depend_on_each_other_without_cycles() {
    ArchRule rule = slices().matching("dev.gangway.(**)").should().beFreeOfCycles();
    rule.check(MAIN);
  }

  @Test
  void scimple_stays_in_the_scim_adapter_and_the_filter_translator() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.gangway.identity.scim..")
            .and()
            .haveNameNotMatching(
                "dev\\.gangway\\.identity\\.jpa\\.Filter(Translator|Repair|Criteria)(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.directory.scim..")
            .because(
                "SCIM's wire model and SCIMple stop at the SCIM adapter; only its filter AST reaches the"
                    + " code that turns a filter into SQL");
    rule.check(MAIN);
  }

  @Test
  void entity_manager_only_in_jpa_adapters_and_platform() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages("..jpa..", "dev.gangway.platform..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(EntityManager.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(EntityManagerFactory.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Query.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(PersistenceContext.class)
            .because(
                "queries live in each context's jpa adapter, behind the ports its domain declares");
    rule.check(MAIN);
  }

  @Test
  void the_admin_api_speaks_in_views_not_entities() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.gangway.admin..")
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Entity.class)
            .because("admin resources call use cases and query services and return their records");
    rule.check(MAIN);
  }

  @Test
  void domain_knows_no_rest_and_no_jpa_adapter() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "..jpa..", "dev.gangway.admin..")
            .because(
                "the domain declares ports; adapters (REST, SCIM, JPA) depend on it, never the reverse");
    rule.check(MAIN);
  }

  @Test
  void beans_take_their_collaborators_through_the_constructor() {
    ArchRule rule =
        noFields()
            .that()
            .areDeclaredInClassesThat()
            .areNotAssignableTo(Filter.class)
            .and()
            .areDeclaredInClassesThat()
            .areNotAssignableTo(Servlet.class)
            .and(
                DescribedPredicate.describe(
                    "are not the bean's own proxy",
                    (JavaField field) -> !field.getRawType().equals(field.getOwner())))
            .should()
            .beAnnotatedWith(Inject.class)
            .because(
                "STYLE.md: constructor injection, with a protected no-arg constructor for CDI proxies. Servlets and"
                    + " servlet filters are made by the servlet container (no constructor injection), and a bean that calls"
                    + " itself through its own proxy (a transaction per call) cannot take that proxy in its constructor");
    rule.check(MAIN);
  }
}
