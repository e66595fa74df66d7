package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcTest {
    private enum Cadence { IMMEDIATE, DAILY }

    /** Regression: enums were bound with toLowerCase() in the default locale; Turkish wrote "ımmedıate". */
    @Test
    void anEnumIsStoredInLowerCaseWhateverTheDefaultLocale() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jdbc-locale;DB_CLOSE_DELAY=-1");
        Jdbc jdbc = new Jdbc(ds);
        jdbc.execute("CREATE TABLE t (cadence VARCHAR(20))");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            jdbc.update("INSERT INTO t VALUES (?)", Cadence.IMMEDIATE);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(jdbc.count("SELECT COUNT(*) FROM t WHERE cadence = 'immediate'")).isEqualTo(1);
    }
}
