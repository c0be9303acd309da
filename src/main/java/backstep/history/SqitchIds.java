package backstep.history;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The hashes Sqitch records in its registry: a change's {@code change_id} and a script's {@code script_hash}. */
final class SqitchIds {
  private SqitchIds() {}

  /**
   * The change id Sqitch records in its registry ({@code changes.change_id}): the SHA-1, hashed the way git hashes
   * an object ({@code "change " + byte length + "\0" + text}), of the change's info as {@code sqitch show change}
   * prints it — lines {@code project …}, {@code uri …} (when the plan has {@code %uri}), {@code change …},
   * {@code parent <id of the change planned before it>} (not for the first), {@code planner Name <email>},
   * {@code date …}, then {@code requires} and {@code conflicts} each followed by its dependencies as
   * {@code "  + name"} / {@code "  - name"} lines, and a blank line and the note when there is one; joined by
   * line breaks, in UTF-8.
   */
  static String changeId(String project, String uri, String change, String parent, String planner,
      String timestamp, List<SqitchPlan.Dependency> deps, String note) {
    List<String> info = new ArrayList<>();
    info.add("project " + project);
    if (uri != null && !uri.isEmpty()) {
      info.add("uri " + canonicalUri(uri));
    }
    info.add("change " + change);
    if (parent != null) {
      info.add("parent " + parent);
    }
    info.add("planner " + planner);
    info.add("date " + timestamp);
    List<String> requires = deps.stream().filter(d -> !d.conflict()).map(d -> d.asString(project)).toList();
    List<String> conflicts = deps.stream().filter(SqitchPlan.Dependency::conflict).map(d -> d.asString(project))
        .toList();
    if (!requires.isEmpty()) {
      info.add("requires\n  + " + String.join("\n  + ", requires));
    }
    if (!conflicts.isEmpty()) {
      info.add("conflicts\n  - " + String.join("\n  - ", conflicts));
    }
    if (!note.isEmpty()) {
      info.add("");
      info.add(note);
    }
    byte[] content = String.join("\n", info).getBytes(StandardCharsets.UTF_8);
    return sha1(("change " + content.length + "\0").getBytes(StandardCharsets.UTF_8), content);
  }

  /** The SHA-1 of {@code prefix} then {@code content}, in lower-case hex. */
  static String sha1(byte[] prefix, byte[] content) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(prefix);
      return HexFormat.of().formatHex(sha1.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  /**
   * The {@code %uri} as Sqitch writes it into a change's info (its canonical form): scheme and host in lower case,
   * the scheme's default port dropped, an empty path of an http(s) address written {@code /}. Other
   * canonicalisations (percent-encoding) are not done: a {@code %uri} that needs them gives another id than Sqitch's.
   */
  static String canonicalUri(String uri) {
    try {
      URI u = new URI(uri);
      if (u.getScheme() == null || u.getHost() == null || u.isOpaque()) {
        return uri;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
        port = -1;
      }
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return scheme + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@")
          + u.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + path
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
          + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
    } catch (URISyntaxException e) {
      return uri;
    }
  }
}
