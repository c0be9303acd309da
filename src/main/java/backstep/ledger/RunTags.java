package backstep.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a run is traced back by, besides its change id: the git commit of the playbook's folder (and whether the
 * playbook file differed from it), and free {@code key=value} tags given at apply ({@code --tag release=2026.11}).
 *
 * @param gitCommit the commit (40 hex digits), or null when the playbook was not in a git repository
 * @param gitDirty whether the playbook file was modified or untracked there; null without a commit
 * @param labels free tags, sorted by key; never null
 */
public record RunTags(String gitCommit, Boolean gitDirty, Map<String, String> labels) {
  public static final RunTags NONE = new RunTags(null, null, Map.of());
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,49}");
  private static final int MAX_VALUE = 200;

  public RunTags {
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    gitDirty = gitCommit == null ? null : gitDirty;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return gitCommit == null && labels.isEmpty();
  }

  public RunTags withGit(String commit, boolean dirty) {
    return new RunTags(commit, dirty, labels);
  }

  /** Why a free tag is not acceptable, or empty when all are. */
  public static Optional<String> problem(Map<String, String> labels) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!KEY.matcher(e.getKey()).matches()) {
        return Optional.of("--tag " + e.getKey() + "=…: a tag key is letters, digits, '_', '.' or '-' (at most 50)");
      }
      String v = e.getValue() == null ? "" : e.getValue();
      if (v.isBlank() || v.length() > MAX_VALUE || v.chars().anyMatch(Character::isISOControl)) {
        return Optional.of("--tag " + e.getKey() + ": the value must be one line of 1 to " + MAX_VALUE
            + " characters");
      }
    }
    return Optional.empty();
  }

  /** One line for people: {@code git 3f69a1c2d4e5 (playbook modified) · release=2026.11 · ticket=CAB-7}. */
  public String describe() {
    return describe(12);
  }

  /** As {@link #describe()}, with the whole commit hash (for audit documents). */
  public String describeFull() {
    return describe(64);
  }

  private String describe(int shaLength) {
    StringBuilder b = new StringBuilder();
    if (gitCommit != null) {
      b.append("git ").append(gitCommit, 0, Math.min(shaLength, gitCommit.length()))
          .append(Boolean.TRUE.equals(gitDirty) ? " (playbook modified)" : "");
    }
    labels.forEach((k, v) -> b.append(b.length() == 0 ? "" : " · ").append(k).append('=').append(v));
    return b.toString();
  }
}
