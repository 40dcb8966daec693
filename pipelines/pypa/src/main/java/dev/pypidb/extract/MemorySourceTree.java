package dev.pypidb.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link SourceTree} held in memory: for the archive reader's result and for tests. */
public final class MemorySourceTree implements SourceTree {
  private final Map<String, byte[]> files;
  private final Map<String, String> unavailable;
  private final List<String> paths;

  /**
   * @param files kept members and their bytes
   * @param unavailable members that exist but were not kept, with the reason
   */
  public MemorySourceTree(Map<String, byte[]> files, Map<String, String> unavailable) {
    this.files = new TreeMap<>(files);
    this.unavailable = new TreeMap<>(unavailable);
    TreeMap<String, Boolean> all = new TreeMap<>();
    files.keySet().forEach(p -> all.put(p, true));
    unavailable.keySet().forEach(p -> all.put(p, true));
    this.paths = Collections.unmodifiableList(new ArrayList<>(all.keySet()));
  }

  /** A tree of text files, for tests: path, content, path, content... */
  public static MemorySourceTree ofText(String... pathsAndContents) {
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i + 1 < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return new MemorySourceTree(files, Map.of());
  }

  @Override
  public List<String> paths() {
    return paths;
  }

  @Override
  public boolean exists(String path) {
    return files.containsKey(path) || unavailable.containsKey(path);
  }

  @Override
  public byte[] bytes(String path) {
    byte[] b = files.get(path);
    return b == null ? null : b.clone();
  }

  @Override
  public String unavailable(String path) {
    if (files.containsKey(path)) {
      return null;
    }
    String why = unavailable.get(path);
    return why != null ? why : "no such file in the sdist";
  }
}
