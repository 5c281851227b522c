package qar.exact;

import qar.model.JumpProcess;

/** The stiff chains of {@link StiffChainTest} for tests in other packages. */
public final class StiffChainTestAccess {
    private StiffChainTestAccess() {
    }

    /** Issue 15's 3-level file, as a process. */
    public static JumpProcess issueChain() {
        return StiffChainTest.issueChain();
    }
}
