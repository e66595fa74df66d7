package org.rundbrief.admin;

/**
 * Who is acting: an admin user ({@code userId} set), the holder of {@code security.adminToken}
 * (the bootstrap and automation token, with the admin role), or the command line.
 */
public record Identity(Long userId, String name, Role role) {
    public static final Identity BOOTSTRAP = new Identity(null, "security.adminToken", Role.ADMIN);
    /** Someone at the server's command line: they can read the config and the database anyway. */
    public static final Identity CLI = new Identity(null, "cli", Role.ADMIN);

    public static Identity of(AdminUser user) {
        return new Identity(user.id(), user.email(), user.role());
    }

    /** The role covers {@code needed}; otherwise {@link Forbidden} naming both. */
    public void require(Role needed) {
        if (!role.covers(needed)) {
            throw new Forbidden(name + " is " + role.id() + "; this needs the " + needed.id() + " role");
        }
    }
}
