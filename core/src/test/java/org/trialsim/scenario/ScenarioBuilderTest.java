package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioBuilderTest {

    private static final String MINIMAL = """
            name: two-arm
            design: {sample_sizes: [45, 90]}
            arms:
              treatment: {allocation: 2, response: {probability: 0.5}}
              control: {control: true, response: {probability: 0.3}}
            endpoints:
              response: {kind: response}
            """;

    /** What a file leaves out and what the builder leaves out are the same defaults (both from defaults.yaml). */
    @Test
    void builderDefaultsAreTheParsersDefaults() {
        Scenario parsed = ScenarioParser.parse(MINIMAL, "two-arm.yaml");
        Scenario built = Scenario.builder().name("two-arm").sampleSizes(List.of(45, 90)).arms(parsed.arms())
                .endpoints(parsed.endpoints()).build();
        assertEquals(parsed, built);
        // the default block is the allocation-ratio sum, here 2 + 1
        assertEquals(new Randomization(Randomization.Method.BLOCKS, 3, false), built.design().randomization());
        assertEquals("two-arm", built.title());
        assertNull(built.groupSequential());
    }

    @Test
    void toBuilderCopiesEveryPartAndChangesOnlyWhatIsSet() {
        Scenario s = ScenarioLibrary.load(ScenarioLibrary.DEFAULT);
        assertEquals(s, s.toBuilder().build());
        Scenario withDropout = s.toBuilder().dropout(new Dropout(0.25, 0.01)).build();
        assertEquals(new Dropout(0.25, 0.01), withDropout.dropout());
        assertNotEquals(s, withDropout);
        assertEquals(s, withDropout.toBuilder().dropout(s.dropout()).build());
        Scenario regridded = s.toBuilder().sampleSizes(List.of(500)).build();
        assertEquals(List.of(500), regridded.design().sampleSizes());
        assertEquals(s.design().randomization(), regridded.design().randomization());
        assertEquals(s.design().alpha(), regridded.design().alpha());
    }

    @Test
    void toBuilderKeepsAMultiArmDesign() {
        // the copy once dropped the multi_arm block, silently turning a multi-arm scenario into a patient-level one
        for (String name : new String[] {"ketamine-schedules", "ketamine-schedules-rar"}) {
            Scenario s = name.endsWith("rar") ? ScenarioParser.parse(java.nio.file.Path.of("../examples/" + name
                    + ".yaml")) : ScenarioLibrary.load(name);
            assertNotNull(s.multiArm(), name);
            assertEquals(s, s.toBuilder().build(), name);
            assertEquals(s.multiArm(), s.toBuilder().sampleSizes(List.of(600)).build().multiArm(), name);
            assertNull(s.toBuilder().multiArm(null).build().multiArm(), name);
        }
    }

    @Test
    void nameSampleSizesAndArmsAreRequired() {
        Scenario s = ScenarioParser.parse(MINIMAL, "two-arm.yaml");
        assertThrows(NullPointerException.class, () -> Scenario.builder().sampleSizes(List.of(40)).arms(s.arms())
                .build());
        assertThrows(NullPointerException.class, () -> Scenario.builder().name("x").arms(s.arms()).build());
        assertThrows(IllegalStateException.class, () -> Scenario.builder().name("x").sampleSizes(List.of(40))
                .build());
    }
}
