package qar.model;

/**
 * What a command works on: the refrigerator of some {@link ModelParameters}, or a rate equation
 * the user wrote level by level ({@link NamedProcess}). Reports describe either; the exact solver
 * and the sampler see only the {@link JumpProcess}.
 */
public sealed interface ModelSpec permits ModelParameters, NamedProcess {

    /** The name of level {@code level} (an index of the jump process) as users write it. */
    String levelName(int level);
}
