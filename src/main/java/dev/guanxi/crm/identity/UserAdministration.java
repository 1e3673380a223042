package dev.guanxi.crm.identity;

/** Creating teams and users: used by the admin pages, the first-start bootstrap and the demo data. */
public interface UserAdministration {

    long createTeam(String name);

    void setTeamManager(long teamId, long managerUserId);

    long createUser(NewUser user);

    boolean hasUsers();

    record NewUser(String username, String displayName, String email, String rawPassword, Role role, Long teamId) {
    }
}
