package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.rundbrief.store.PostgresCopy;
import org.rundbrief.subscriber.SearchWords;

/**
 * Issue #22: the member search's word index, {@code subscriber_word}: one row per word a member is
 * found by ({@link SearchWords}), so that a search reads the members whose words begin with the
 * term instead of the whole list. Its one index is the primary key (word, subscriber_id): "who has
 * a word beginning with X". No foreign key and no index on subscriber_id: every word written by an
 * import went through both (a 1,000,000-row import fell from 30,771 to 11,503 rows/s on
 * PostgreSQL, bench/README.md); the search checks a found member's other words on the member's row,
 * and the member's words are deleted by their key where the member changes or goes
 * ({@code SubscriberStore}). On PostgreSQL the word is compared in the "C" collation (by code
 * point, as H2 compares strings), so that a prefix is an index range whatever the cluster's locale.
 * A table of that name from a build of main that had it as V35_1 is made anew. The words of the
 * members stored before are written here, {@value #CHUNK} members at a time in id order, and the
 * mark ({@link SearchWords#MARK}) set to the last of them: the words of members added later are
 * written by {@code SearchWordsCatchUp}.
 */
public class V39_1__subscriber_word extends BaseJavaMigration {
    static final int CHUNK = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = !"H2".equals(c.getMetaData().getDatabaseProductName());
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS subscriber_word");
            s.execute("CREATE TABLE subscriber_word (word VARCHAR(" + SearchWords.MAX_LENGTH + ")"
                    + (postgres ? " COLLATE \"C\"" : "") + " NOT NULL, subscriber_id BIGINT NOT NULL,"
                    + " PRIMARY KEY (word, subscriber_id))");
        }
        long after = 0;
        List<Object[]> members = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, email, name FROM subscriber WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
            do {
                members.clear();
                select.setLong(1, after);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        members.add(new Object[] {after, rs.getString(2), rs.getString(3)});
                    }
                }
                write(c, postgres, SearchWords.rows(members));
            } while (!members.isEmpty());
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM setting WHERE name = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO setting (name, setting_value) VALUES (?, ?)")) {
            delete.setString(1, SearchWords.MARK);
            delete.executeUpdate();
            insert.setString(1, SearchWords.MARK);
            insert.setString(2, String.valueOf(after));
            insert.executeUpdate();
        }
    }

    private static void write(Connection c, boolean postgres, List<Object[]> words) throws SQLException {
        if (words.isEmpty()) {
            return;
        }
        if (postgres) {
            try (PostgresCopy copy = PostgresCopy.start(c, "COPY subscriber_word (word, subscriber_id) FROM STDIN")) {
                for (Object[] w : words) {
                    copy.row(w);
                }
                copy.finish();
            }
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO subscriber_word (word, subscriber_id) VALUES (?, ?)")) {
            for (Object[] w : words) {
                insert.setString(1, (String) w[0]);
                insert.setLong(2, (Long) w[1]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
