package dev.outbox.sample;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;

/**
 * What every suite of the sample runs on: PostgreSQL, the broker and the relay (started once for
 * the whole run), then WildFly with the EAR the build packaged, deployed as it is. The suites
 * call it over HTTP, as its users do, so nothing runs inside the server.
 */
@ExtendWith(SampleEnvironment.class)
@ExtendWith(ArquillianExtension.class)
abstract class OnWildFly {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.create(ZipImporter.class, "outbox-sample.ear")
                .importFrom(new File(System.getProperty("sample.ear.file")))
                .as(EnterpriseArchive.class);
    }
}
