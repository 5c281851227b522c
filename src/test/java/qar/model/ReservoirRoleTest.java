package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qar.exact.ExactSolver;
import qar.exact.Thermodynamics;

/** The refrigerator's roles: set by the refrigerator, taken from the names c, h, w for a file's reservoirs. */
class ReservoirRoleTest {

    @Test
    void theRefrigeratorSetsItsRolesInItsOrder() {
        List<Reservoir> rs = Refrigerator.process(ModelParameters.defaults().withN(5)).reservoirs();
        assertEquals(List.of(Reservoir.Role.COLD, Reservoir.Role.HOT, Reservoir.Role.WORK),
                rs.stream().map(Reservoir::role).toList());
        assertEquals(Refrigerator.WORK, Reservoir.indexOf(rs, Reservoir.Role.WORK));
        assertEquals(-1, Reservoir.indexOf(rs, Reservoir.Role.OTHER));
    }

    @Test
    void aNameGivesARoleOnlyWhereItIsExactlyCHOrW() {
        assertEquals(Reservoir.Role.COLD, new Reservoir("c", 1).role());
        assertEquals(Reservoir.Role.HOT, new Reservoir("h", 1).role());
        assertEquals(Reservoir.Role.WORK, new Reservoir("w", 1).role());
        for (String other : new String[] {"C", "cold", "c1", "x", "W"}) {
            assertEquals(Reservoir.Role.OTHER, new Reservoir(other, 1).role(), other);
        }
        assertThrows(IllegalArgumentException.class, () -> new Reservoir("", 1));
        assertThrows(IllegalArgumentException.class, () -> new Reservoir(null, 1));
        assertThrows(IllegalArgumentException.class, () -> new Reservoir("c", 1, null));
    }

    @Test
    void twoReservoirsCannotShareARole() {
        List<Channel> ch = List.of(new Channel(0, 1, 0, 1.0, 1), new Channel(1, 0, 1, 1.0, -1));
        assertThrows(IllegalArgumentException.class, () -> JumpProcess.of(2, 1.0,
                List.of(new Reservoir("a", 1, Reservoir.Role.COLD), new Reservoir("c", 2)), ch));
        // OTHER may repeat
        assertNotNull(JumpProcess.of(2, 1.0, List.of(new Reservoir("a", 1), new Reservoir("b", 2)), ch));
    }

    @Test
    void theCopFollowsTheRolesNotTheNames() {
        // the refrigerator with its reservoirs renamed keeps its COP where the roles stay, loses it
        // where they go: the lookup is by role
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        Thermodynamics named = ExactSolver.of(p).solution(2).thermodynamics();
        Thermodynamics roles = ExactSolver.of(renamed(p, true)).solution(2).thermodynamics();
        Thermodynamics none = ExactSolver.of(renamed(p, false)).solution(2).thermodynamics();
        assertNotNull(named.cop());
        assertEquals(named.cop(), roles.cop());
        assertEquals(named.copCarnot(), roles.copCarnot());
        assertEquals(named.copTurBound(), roles.copTurBound());
        assertNull(none.cop());
        assertNull(none.copCarnot());
        assertNull(none.copTurBound());
    }

    private static JumpProcess renamed(JumpProcess p, boolean keepRoles) {
        List<Reservoir> rs = new ArrayList<>();
        for (Reservoir r : p.reservoirs()) {
            rs.add(new Reservoir("x" + r.name(), r.beta(), keepRoles ? r.role() : Reservoir.Role.OTHER));
        }
        return JumpProcess.of(p.dimension(), p.energyUnit(), rs, p.channels());
    }
}
