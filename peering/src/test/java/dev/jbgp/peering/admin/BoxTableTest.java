package dev.jbgp.peering.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table layout of calicoctl's tablewriter (v0.0.5, defaults), case by case. */
class BoxTableTest {

    @Test
    void wrappingMinimisesRaggednessWhereFillingLinesGreedilyWouldNot() {
        // Greedy filling gives "aaa bb" / "cc" / "ddddd"; the squares of the room left favour this.
        assertEquals(List.of("aaa", "bb cc", "ddddd"), BoxTable.wrap("aaa bb cc ddddd", 6));
    }

    @Test
    void aWordLongerThanTheLimitGetsALineOfItsOwn() {
        assertEquals(List.of("a", "abcdefghij", "b"), BoxTable.wrap("a abcdefghij b", 4));
    }

    @Test
    void textThatFitsIsOneLine() {
        assertEquals(List.of("Established"), BoxTable.wrap("Established", 30));
        assertEquals(List.of(""), BoxTable.wrap("", 0));
    }

    @Test
    void headersAreUpperCasedWithUnderscoresAndWordDotsAsSpaces() {
        assertEquals("PEER ADDRESS", BoxTable.title("Peer address"));
        assertEquals("PEER TYPE", BoxTable.title("peer_type"));
        assertEquals("NODE NAME", BoxTable.title("node.name"));
        assertEquals("VERSION 1.5", BoxTable.title("version 1.5"));
    }

    @Test
    void numbersAlignRightTextAlignsLeftHeadersCentre() {
        String table = BoxTable.render(List.of("Name", "Routes"), List.of(
                List.of("Mesh_198_19_0_1", "3"),
                List.of("kernel1", "1,024"),
                List.of("static1", "n/a")));
        assertEquals("""
                +-----------------+--------+
                |      NAME       | ROUTES |
                +-----------------+--------+
                | Mesh_198_19_0_1 |      3 |
                | kernel1         |  1,024 |
                | static1         | n/a    |
                +-----------------+--------+
                """, table);
    }

    @Test
    void aColumnWithAWrappedCellIsThirtyWideAndTheRowsOtherCellsPadDown() {
        String table = BoxTable.render(List.of("A", "B"), List.of(
                List.of("x", "one two three four five six seven eight")));
        assertEquals("""
                +---+--------------------------------+
                | A |               B                |
                +---+--------------------------------+
                | x | one two three four five six    |
                |   | seven eight                    |
                +---+--------------------------------+
                """, table);
    }
}
