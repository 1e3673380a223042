package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.sales.internal.Stage;
import dev.guanxi.crm.sales.internal.Stage.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A card on the board moves to the open stage before or after its own; closed stages have no moves. */
class BoardMovesTest {

    static Stage stage(String code, int position, Outcome outcome) {
        return new Stage(code, code, code, 0, position, outcome);
    }

    @Test
    void eachOpenStageMovesToItsOpenNeighbours() {
        Stage q = stage("Q", 10, Outcome.OPEN);
        Stage n = stage("N", 20, Outcome.OPEN);
        Stage p = stage("P", 30, Outcome.OPEN);
        Stage won = stage("WON", 90, Outcome.WON);
        Stage lost = stage("LOST", 99, Outcome.LOST);

        Map<String, List<Stage>> moves = PipelinePages.moves(List.of(q, n, p, won, lost));

        assertThat(moves.get("Q")).containsExactly(n);
        assertThat(moves.get("N")).containsExactly(q, p);
        assertThat(moves.get("P")).containsExactly(n);
        assertThat(moves.get("WON")).isEmpty();
        assertThat(moves.get("LOST")).isEmpty();
    }
}
