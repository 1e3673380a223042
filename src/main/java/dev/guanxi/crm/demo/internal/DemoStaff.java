package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserAdministration;
import dev.guanxi.crm.identity.UserAdministration.NewUser;
import dev.guanxi.crm.identity.UserDirectory;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The demo sales organisation: two sales teams with a manager and reps each, a marketer, an agent and an analyst. */
@Component
class DemoStaff {

    static final List<String> TEAMS = List.of("华东销售部 East China Sales", "华南销售部 South China Sales");
    static final String EMAIL_DOMAIN = "guanxi-demo.example";
    /** Reps own three times as many customers as their manager. */
    static final int REP_WEIGHT = 3;
    static final List<Member> MEMBERS = List.of(
            new Member("zhang.wei", "张伟", Role.MANAGER, 0),
            new Member("li.na", "李娜", Role.SALES_REP, 0),
            new Member("wang.fang", "王芳", Role.SALES_REP, 0),
            new Member("liu.yang", "刘洋", Role.SALES_REP, 0),
            new Member("chen.jie", "陈杰", Role.MANAGER, 1),
            new Member("huang.min", "黄敏", Role.SALES_REP, 1),
            new Member("zhou.tao", "周涛", Role.SALES_REP, 1),
            new Member("emma.wang", "Emma Wang", Role.MARKETER, null),
            new Member("zhao.lei", "赵磊", Role.SERVICE_AGENT, null),
            new Member("sun.li", "孙丽", Role.ANALYST, null));
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 16;

    /** A demo user; {@code team} indexes {@link #TEAMS}, null for staff outside the sales teams. */
    record Member(String username, String displayName, Role role, Integer team) {
    }

    /** A user who owns customers, the team they belong to, and their share of the customers. */
    record Owner(long userId, long teamId, int weight) {
    }

    private final UserAdministration administration;
    private final UserDirectory directory;

    DemoStaff(UserAdministration administration, UserDirectory directory) {
        this.administration = administration;
        this.directory = directory;
    }

    /** True when any demo team or (enabled) demo user exists already. */
    boolean present() {
        Set<String> usernames = MEMBERS.stream().map(Member::username).collect(Collectors.toSet());
        return directory.teams().stream().anyMatch(t -> TEAMS.contains(t.name()))
                || directory.activeUsers().stream().anyMatch(u -> usernames.contains(u.username()));
    }

    /** Creates the teams and users, all with {@code password}, and returns the sales staff who own customers. */
    List<Owner> create(String password) {
        List<Long> teamIds = new ArrayList<>();
        TEAMS.forEach(name -> teamIds.add(administration.createTeam(name)));
        List<Owner> owners = new ArrayList<>();
        for (Member member : MEMBERS) {
            Long teamId = member.team() == null ? null : teamIds.get(member.team());
            long userId = administration.createUser(new NewUser(member.username(), member.displayName(),
                    member.username() + "@" + EMAIL_DOMAIN, password, member.role(), teamId));
            if (member.role() == Role.MANAGER) {
                administration.setTeamManager(teamId, userId);
                owners.add(new Owner(userId, teamId, 1));
            } else if (member.role() == Role.SALES_REP) {
                owners.add(new Owner(userId, teamId, REP_WEIGHT));
            }
        }
        return owners;
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        return random.ints(PASSWORD_LENGTH, 0, PASSWORD_ALPHABET.length())
                .mapToObj(i -> String.valueOf(PASSWORD_ALPHABET.charAt(i)))
                .collect(Collectors.joining());
    }
}
