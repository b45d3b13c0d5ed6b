package io.shopdr.agent.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbGtidsTest {
    private final Dialect maria = new MariaDbDialect();

    @Test
    void transactionsBehindArePerDomainSequenceDifferences() {
        assertEquals(5, maria.missingTransactions("0-1-95", "0-1-100").count());
        assertEquals(0, maria.missingTransactions("0-1-100", "0-1-100").count());
        assertEquals(0, maria.missingTransactions("0-2-105", "0-1-100").count(), "a newer primary is not behind the old one");
        assertEquals(7, maria.missingTransactions("0-1-98", "0-1-100,1-3-5").count());
        assertEquals(List.of("0-1-99..0-1-100", "1-3-1..1-3-5"), maria.missingTransactions("0-1-98", "0-1-100,1-3-5").gtids());
        assertEquals(12, maria.missingTransactions("", "0-1-12").count());
    }

    @Test
    void errantTransactionsAreJudgedByTheSourcesBinlogState() {
        // old primary (server 1) reached 100; the new primary (server 2) had received 98 of them, then wrote 7 more
        GtidDifference errant = maria.errantTransactions("0-1-100", "0-1-98,0-2-105,0-2-105");
        assertEquals(2, errant.count());
        assertEquals(List.of("0-1-99..0-1-100"), errant.gtids());
        assertTrue(maria.errantTransactions("0-1-98", "0-1-98,0-2-105").isEmpty(), "a clean old primary is a prefix");
        assertEquals(List.of("0-3-1"), maria.errantTransactions("0-3-1", "0-1-4").gtids(), "a stray local write on a replica");
        assertTrue(maria.errantTransactions("", "0-1-4").isEmpty());
    }

    @Test
    void malformedPositionsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> maria.missingTransactions("0-1", "0-1-2"));
        assertTrue(e.getMessage().contains("'0-1'"));
    }
}
