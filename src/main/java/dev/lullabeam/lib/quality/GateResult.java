package dev.lullabeam.lib.quality;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.List;

/**
 * The verdict on one story. Each reason is a stable machine-readable code, a space, and a human
 * explanation: {@code repetition:dup_line_frac 0.45 > 0.30}, {@code web:url "www.example.com"}.
 * Every check that failed contributes, not only the first.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GateResult(boolean accepted, List<String> reasons, StoryScores scores)
    implements Serializable {

  public GateResult {
    reasons = List.copyOf(reasons);
  }

  /** The codes of {@link #reasons()} (the text before the first space), in order, with repeats. */
  public List<String> reasonCodes() {
    return reasons.stream().map(GateResult::codeOf).toList();
  }

  /** The code of one reason: {@code web:url} for {@code web:url "www.example.com"}. */
  public static String codeOf(String reason) {
    int space = reason.indexOf(' ');
    return space < 0 ? reason : reason.substring(0, space);
  }
}
