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
 * term instead of the whole list. The primary key (word, subscriber_id) answers "who has a word
 * beginning with X"; "does member N have one" is answered by the index on subscriber_id: on H2 the
 * one it makes for the foreign key (it would make that one anyway, beside any other), on PostgreSQL
 * (subscriber_id, word). On PostgreSQL the word is compared in the "C" collation (by code point, as
 * H2 compares strings), so that a prefix is an index range whatever the cluster's locale. The words
 * of the members stored before are written here, {@value #CHUNK} members at a time in id order.
 */
public class V35_1__subscriber_word extends BaseJavaMigration {
    static final int CHUNK = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = !"H2".equals(c.getMetaData().getDatabaseProductName());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE subscriber_word (word VARCHAR(" + SearchWords.MAX_LENGTH + ")"
                    + (postgres ? " COLLATE \"C\"" : "") + " NOT NULL,"
                    + " subscriber_id BIGINT NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,"
                    + " PRIMARY KEY (word, subscriber_id))");
        }
        long after = 0;
        List<Object[]> words = new ArrayList<>();
        try (PreparedStatement members = c.prepareStatement(
                "SELECT id, email, name FROM subscriber WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
            do {
                words.clear();
                members.setLong(1, after);
                try (ResultSet rs = members.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        for (String w : SearchWords.of(rs.getString(2), rs.getString(3))) {
                            words.add(new Object[] {w, after});
                        }
                    }
                }
                write(c, postgres, words);
            } while (!words.isEmpty());
        }
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX subscriber_word_member ON subscriber_word (subscriber_id, word)");
            }
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
