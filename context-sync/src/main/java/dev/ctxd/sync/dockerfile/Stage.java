package dev.ctxd.sync.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * One build stage: its {@code FROM} and the instructions up to the next {@code FROM}. {@code
 * index} is the 0-based position among the stages. Immutable.
 */
public record Stage(Instruction.From from, int index, List<Instruction> instructions) {
  public Stage {
    Objects.requireNonNull(from, "from");
    if (index < 0) {
      throw new IllegalArgumentException("negative index: " + index);
    }
    instructions = List.copyOf(instructions);
  }

  /** The raw, unexpanded base operand of {@code FROM}. */
  public String baseName() {
    return from.baseName();
  }

  /** The lower-cased stage name, or "" for an unnamed stage. */
  public String name() {
    return from.stageName();
  }

  /** The name BuildKit reports for progress: the stage name, else {@code stage-<index>}. */
  public String displayName() {
    return name().isEmpty() ? "stage-" + index : name();
  }
}
