package vn.gov.lmi.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The LMI Exchange Hub: receives, validates, stores, signs and routes labor-market datasets. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LmiHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(LmiHubApplication.class, args);
    }
}
