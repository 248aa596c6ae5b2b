package vn.gov.lmi.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import vn.gov.lmi.hub.system.HubCommandLine;

/**
 * The LMI Exchange Hub: receives, validates, stores, signs and routes labor-market datasets. With a command as
 * first argument ({@code pki init}, {@code audit verify}) it runs that command instead and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LmiHubApplication {
    public static void main(String[] args) {
        if (HubCommandLine.isCommand(args)) {
            System.exit(HubCommandLine.run(args, System.out, System.err));
        }
        SpringApplication.run(LmiHubApplication.class, args);
    }
}
