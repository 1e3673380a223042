package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.security.SecureRandom;

/** On first start (no users yet) creates the administrator and prints its generated password once. */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserAdministration users;
    private final String configuredPassword;
    private final int port;

    AdminBootstrap(UserAdministration users, @Value("${guanxi.admin.password:}") String configuredPassword,
                   @Value("${server.port:8080}") int port) {
        this.users = users;
        this.configuredPassword = configuredPassword;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.hasUsers()) {
            log.info("Guanxi CRM is ready at http://localhost:{} - log in as 'admin' with the password printed at "
                    + "first start.", port);
            return;
        }
        boolean generated = !StringUtils.hasText(configuredPassword);
        String password = generated ? randomPassword() : configuredPassword;
        users.createUser(new UserAdministration.NewUser("admin", "Administrator", null, password, Role.ADMIN, null));
        if (generated) {
            log.warn("""

                    ==========================================================================
                     Guanxi CRM first start: administrator account created.
                       URL:      http://localhost:{}
                       user:     admin
                       password: {}
                     This password is printed only once. Keep it now.
                    ==========================================================================""", port, password);
        } else {
            log.info("Administrator 'admin' created with the password from guanxi.admin.password.");
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
