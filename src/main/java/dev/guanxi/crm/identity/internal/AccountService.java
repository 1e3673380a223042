package dev.guanxi.crm.identity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads people for form login and locks an account after repeated failed logins. */
@Service
class AccountService implements UserDetailsService {

    private final JdbcUsers users;
    private final int maxFailures;
    private final int lockoutMinutes;

    AccountService(JdbcUsers users,
                   @Value("${guanxi.security.max-failed-logins:5}") int maxFailures,
                   @Value("${guanxi.security.lockout-minutes:15}") int lockoutMinutes) {
        this.users = users;
        this.maxFailures = maxFailures;
        this.lockoutMinutes = lockoutMinutes;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.account(username, null).orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        users.recordFailedLogin(event.getAuthentication().getName(), maxFailures, lockoutMinutes);
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof UserAccount account) {
            users.recordSuccessfulLogin(account.getUsername());
        }
    }
}
