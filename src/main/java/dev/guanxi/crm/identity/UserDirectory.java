package dev.guanxi.crm.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to users and teams for other modules. */
public interface UserDirectory {

    List<UserSummary> activeUsers();

    Optional<UserSummary> find(long userId);

    Map<Long, String> displayNames(Collection<Long> userIds);

    List<TeamSummary> teams();

    Map<Long, String> teamNames(Collection<Long> teamIds);
}
