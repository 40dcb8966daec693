package dev.pypidb.pipelines.tables;

import java.io.IOException;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.function.IntSupplier;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes the new version of one shard file of a project-keyed table from the previous one:
 * row groups that hold no changed project are copied as bytes; the others are decoded, their
 * changed projects' rows replaced (or dropped, or inserted in name order), and written again
 * with the same boundary rule, so the result has the groups a full run would write.
 */
public final class ShardFilePatch {
  /** What one patch did. */
  public record Stats(long rows, int groupsCopied, int groupsRewritten) {}

  private ShardFilePatch() {}

  /**
   * @param changed every changed project of this shard, removed ones included
   * @param replacement the new rows of the changed projects that still have rows in this table
   * @param groupProjects the boundary rule of the previous output, for a previous file that is
   *     empty and so carries none
   */
  public static Stats apply(String previous, String target, Table table, NavigableSet<String> changed,
      NavigableMap<String, List<GenericRecord>> replacement, IntSupplier groupProjects) throws IOException {
    return apply(previous, target, table, changed, replacement, groupProjects, (name, rows) -> { });
  }

  /**
   * As above; {@code replaced} receives each changed project's rows of the previous file (the
   * rows the patch drops or replaces), project by project.
   */
  public static Stats apply(String previous, String target, Table table, NavigableSet<String> changed,
      NavigableMap<String, List<GenericRecord>> replacement, IntSupplier groupProjects,
      java.util.function.BiConsumer<String, List<GenericRecord>> replaced) throws IOException {
    int copied = 0;
    int rewritten = 0;
    try (ProjectRowGroups old = ProjectRowGroups.open(previous);
        ProjectRowGroupWriter out = new ProjectRowGroupWriter(target, table,
            old.groupProjects() > 0 ? old.groupProjects() : groupProjects.getAsInt())) {
      List<ProjectRowGroups.Group> groups = old.groups();
      String next = changed.isEmpty() ? null : changed.first();
      for (int i = 0; i < groups.size(); i++) {
        ProjectRowGroups.Group g = groups.get(i);
        // A changed project after the last group's range still belongs to the last group.
        String upper = i == groups.size() - 1 ? null : g.last();
        boolean touched = next != null && (upper == null || next.compareTo(upper) <= 0);
        if (!touched && out.atBoundary()) {
          out.copyGroup(old, g);
          copied++;
          continue;
        }
        rewritten++;
        List<GenericRecord> rows = old.rows(g);
        int r = 0;
        while (r < rows.size() || (next != null && (upper == null || next.compareTo(upper) <= 0))) {
          String oldName = r < rows.size() ? name(rows.get(r)) : null;
          boolean takeChanged = next != null && (upper == null || next.compareTo(upper) <= 0)
              && (oldName == null || next.compareTo(oldName) <= 0);
          if (takeChanged) {
            out.writeProject(next, replacement.getOrDefault(next, List.of()));
            int from = r;
            while (r < rows.size() && name(rows.get(r)).equals(next)) {
              r++;
            }
            if (r > from) {
              replaced.accept(next, rows.subList(from, r));
            }
            next = changed.higher(next);
          } else {
            int end = r;
            while (end < rows.size() && name(rows.get(end)).equals(oldName)) {
              end++;
            }
            out.writeProject(oldName, rows.subList(r, end));
            r = end;
          }
        }
      }
      for (; next != null; next = changed.higher(next)) {
        out.writeProject(next, replacement.getOrDefault(next, List.of())); // the previous file was empty
      }
      out.close();
      return new Stats(out.rows(), copied, rewritten);
    }
  }

  private static String name(GenericRecord r) {
    return r.get("name").toString();
  }
}
