package dev.pypidb.compact;

import static dev.pypidb.compact.CompactFormat.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes and decodes one project's payload (docs/compact-format.md, "Project payload").
 *
 * <p>Values of the global dictionaries (packagetype, python_version, tags, ...) are written as
 * global ids. In <em>inline</em> mode, which the builder uses for its scratch file before the
 * global dictionaries are final, they are written as ids into the project's own string table
 * instead; the layout is otherwise identical.
 */
final class ProjectCodec {
  private ProjectCodec() {}

  /** Global ids of dictionary values, when encoding. */
  interface Globals {
    int id(int dict, String value);
  }

  /** Called for every global value an inline encoding meets (to count them). */
  interface Tally {
    void add(int dict, String value);
  }

  /** Project-local string and list tables, ids in first-use order. */
  private static final class Locals {
    final Map<String, Integer> strings = new LinkedHashMap<>();
    final Map<List<Integer>, Integer> lists = new LinkedHashMap<>();
    /** Strings used only as inline global values (not counted for the preset dictionary). */
    final Map<String, Boolean> plain = new HashMap<>();

    int s(String v) {
      plain.put(v, Boolean.TRUE);
      return strings.computeIfAbsent(v, k -> strings.size());
    }

    int inlineGlobal(String v) {
      plain.putIfAbsent(v, Boolean.FALSE);
      return strings.computeIfAbsent(v, k -> strings.size());
    }

    int list(List<String> values) {
      List<Integer> ids = new ArrayList<>(values.size());
      for (String v : values) {
        ids.add(s(Objects.requireNonNull(v, "null string in a list")));
      }
      return lists.computeIfAbsent(ids, k -> lists.size());
    }
  }

  /** An encoded payload and the strings of its table that a preset dictionary may cover. */
  record Encoded(byte[] bytes, List<String> strings) {}

  static Encoded encode(Project p, Globals globals, Tally tally) {
    boolean inline = globals == null;
    Locals t = new Locals();
    Map<String, Integer> keys = new LinkedHashMap<>();
    for (String k : p.depsDbNames()) {
      keys.putIfAbsent(k, keys.size());
    }
    if (keys.size() != p.depsDbNames().size()) {
      throw new IllegalArgumentException(p.name() + ": duplicate pypi-deps-db names " + p.depsDbNames());
    }
    // Columns of the releases, then the files; sdist builds and per-release build lists are
    // deduplicated into tables first (consecutive releases usually share them).
    ByteWriter versions = new ByteWriter(16 * p.releases().size() + 16);
    ByteWriter releaseFlags = new ByteWriter(p.releases().size() + 16);
    ByteWriter releaseFields = new ByteWriter();
    ByteWriter buildSetRefs = new ByteWriter(p.releases().size() + 16);
    ByteWriter fileCounts = new ByteWriter(p.releases().size() + 16);
    ByteWriter files = new ByteWriter(1024);
    ByteWriter builds = new ByteWriter();
    ByteWriter buildSets = new ByteWriter();
    Map<List<Object>, Integer> buildIds = new HashMap<>();
    Map<List<Integer>, Integer> buildSetIds = new HashMap<>();
    byte[] previous = new byte[0];
    for (Release r : p.releases()) {
      byte[] v = utf8(r.version());
      int shared = 0;
      while (shared < Math.min(v.length, previous.length) && v[shared] == previous[shared]) {
        shared++;
      }
      versions.varint(shared);
      versions.varint(v.length - shared);
      versions.bytes(v, shared, v.length - shared);
      previous = v;
      int flags = (r.yanked() ? R_YANKED : 0)
          | (r.requiresPython() != null ? R_REQUIRES_PYTHON : 0)
          | (r.yankedReason() != null ? R_YANKED_REASON : 0)
          | (!r.requiresDist().isEmpty() ? R_REQUIRES_DIST : 0);
      releaseFlags.varint(flags);
      if (r.requiresPython() != null) {
        releaseFields.varint(t.s(r.requiresPython()));
      }
      if (r.yankedReason() != null) {
        releaseFields.varint(t.s(r.yankedReason()));
      }
      if (!r.requiresDist().isEmpty()) {
        releaseFields.varint(t.list(r.requiresDist()));
      }
      List<Integer> set = new ArrayList<>(r.sdistBuilds().size());
      for (SdistBuild b : r.sdistBuilds()) {
        // The extras' order is part of the value (the map's equals ignores it).
        List<Object> identity = List.of(b, new ArrayList<>(b.extrasRequire().keySet()));
        Integer id = buildIds.get(identity);
        if (id == null) {
          id = buildIds.size();
          buildIds.put(identity, id);
          build(p, r, b, t, keys, builds, inline, globals, tally);
        }
        set.add(id);
      }
      if (set.isEmpty()) {
        buildSetRefs.varint(0);
      } else {
        Integer id = buildSetIds.get(set);
        if (id == null) {
          id = buildSetIds.size();
          buildSetIds.put(set, id);
          buildSets.varint(set.size());
          set.forEach(buildSets::varint);
        }
        buildSetRefs.varint(id + 1);
      }
      fileCounts.varint(r.files().size());
      for (DistFile f : r.files()) {
        file(p, r, f, t, keys, files, inline, globals, tally);
      }
    }

    ByteWriter out = new ByteWriter(files.size() + versions.size() + builds.size() + 1024);
    boolean display = !p.displayName().equals(p.name());
    out.varint(display ? P_DISPLAY_NAME : 0);
    if (display) {
      out.string(p.displayName());
    }
    out.varint(keys.size());
    for (String k : keys.keySet()) {
      // Usually the canonical or the display name: a tag instead of the text.
      if (k.equals(p.name())) {
        out.varint(KEY_CANONICAL);
      } else if (k.equals(p.displayName())) {
        out.varint(KEY_DISPLAY);
      } else {
        out.varint(KEY_LITERAL);
        out.string(k);
      }
    }
    // The versions come first, so versions() reads nothing else.
    out.varint(p.releases().size());
    out.bytes(versions.array(), 0, versions.size());
    List<String> countable = new ArrayList<>();
    out.varint(t.strings.size());
    for (String s : t.strings.keySet()) {
      out.string(s);
      if (t.plain.get(s)) {
        countable.add(s);
      }
    }
    out.varint(t.lists.size());
    for (List<Integer> l : t.lists.keySet()) {
      out.varint(l.size());
      l.forEach(out::varint);
    }
    out.varint(buildIds.size());
    out.bytes(builds.array(), 0, builds.size());
    out.varint(buildSetIds.size());
    out.bytes(buildSets.array(), 0, buildSets.size());
    for (ByteWriter w : List.of(releaseFlags, releaseFields, buildSetRefs, fileCounts, files)) {
      out.bytes(w.array(), 0, w.size());
    }
    return new Encoded(out.toByteArray(), countable);
  }

  private static void global(int dict, String value, Locals t, ByteWriter body, boolean inline,
      Globals globals, Tally tally) {
    if (inline) {
      if (tally != null) {
        tally.add(dict, value);
      }
      body.varint(t.inlineGlobal(value));
    } else {
      body.varint(globals.id(dict, value));
    }
  }

  private static void file(Project p, Release r, DistFile f, Locals t, Map<String, Integer> keys,
      ByteWriter body, boolean inline, Globals globals, Tally tally) {
    String name = f.filename();
    int form = FORM_LITERAL;
    String[] wheel = null;
    String prefix = null;
    String suffix = null;
    if (name.endsWith(".whl")) {
      String[] parts = name.substring(0, name.length() - 4).split("-", -1);
      if (parts.length == 5 || parts.length == 6) {
        form = FORM_WHEEL;
        wheel = parts;
      }
    }
    if (form == FORM_LITERAL && !r.version().isEmpty()) {
      int at = name.lastIndexOf("-" + r.version());
      if (at > 0) {
        form = FORM_VERSIONED;
        prefix = name.substring(0, at + 1);
        suffix = name.substring(at + 1 + r.version().length());
      }
    }
    byte[] sha = null;
    if (f.sha256() != null) {
      sha = sha256Bytes(f.sha256());
      if (sha == null) {
        throw new IllegalArgumentException(p.name() + " " + name + ": sha256 is not 64 hex digits: " + f.sha256());
      }
    }
    Integer key = null;
    if (f.depsDbName() != null) {
      key = keys.get(f.depsDbName());
      if (key == null) {
        throw new IllegalArgumentException(p.name() + " " + name + ": pypi-deps-db name " + f.depsDbName()
            + " is not among the project's " + p.depsDbNames());
      }
    }
    int flags = form
        | (wheel != null && !wheel[1].equals(r.version()) ? F_VERSION_LITERAL : 0)
        | (wheel != null && wheel.length == 6 ? F_BUILD_TAG : 0)
        | (f.pythonVersion() != null ? F_PYTHON_VERSION : 0)
        | (sha != null ? F_SHA256 : 0)
        | (f.yanked() ? F_YANKED : 0)
        | (f.yankedReason() != null ? F_YANKED_REASON : 0)
        | (f.requiresPython() != null ? F_REQUIRES_PYTHON : 0)
        | (!f.requiresDist().isEmpty() ? F_REQUIRES_DIST : 0)
        | (f.providesExtra() != null ? F_PROVIDES_EXTRA : 0)
        | (key != null ? F_DEPS_DB_NAME : 0);
    body.varint(flags);
    global(DICT_PACKAGETYPE, f.packagetype(), t, body, inline, globals, tally);
    switch (form) {
      case FORM_LITERAL -> body.varint(t.s(name));
      case FORM_WHEEL -> {
        body.varint(t.s(wheel[0]));
        if ((flags & F_VERSION_LITERAL) != 0) {
          body.varint(t.s(wheel[1]));
        }
        int n = wheel.length;
        if (n == 6) {
          body.varint(t.s(wheel[2]));
        }
        global(DICT_WHEEL_PYTHON, wheel[n - 3], t, body, inline, globals, tally);
        global(DICT_WHEEL_ABI, wheel[n - 2], t, body, inline, globals, tally);
        global(DICT_WHEEL_PLATFORM, wheel[n - 1], t, body, inline, globals, tally);
      }
      default -> {
        body.varint(t.s(prefix));
        global(DICT_SUFFIX, suffix, t, body, inline, globals, tally);
      }
    }
    if (f.pythonVersion() != null) {
      global(DICT_PYTHON_VERSION, f.pythonVersion(), t, body, inline, globals, tally);
    }
    if (sha != null) {
      body.bytes(sha);
    }
    if (f.yankedReason() != null) {
      body.varint(t.s(f.yankedReason()));
    }
    if (f.requiresPython() != null) {
      body.varint(t.s(f.requiresPython()));
    }
    if (!f.requiresDist().isEmpty()) {
      body.varint(t.list(f.requiresDist()));
    }
    if (f.providesExtra() != null) {
      body.varint(t.list(f.providesExtra()));
    }
    if (key != null) {
      body.varint(key);
    }
  }

  private static void build(Project p, Release r, SdistBuild b, Locals t, Map<String, Integer> keys,
      ByteWriter body, boolean inline, Globals globals, Tally tally) {
    String where = p.name() + " " + r.version() + " sdist build " + b.pythonKeys();
    int present = 0;
    int last = -1;
    for (String k : b.keysPresent()) {
      int i = SdistBuild.KEYS.indexOf(k);
      if (i <= last) {
        throw new IllegalArgumentException(where + ": keys_present must be a subsequence of " + SdistBuild.KEYS
            + ", got " + b.keysPresent());
      }
      present |= 1 << i;
      last = i;
    }
    for (String k : b.pythonKeys()) {
      if (k.isEmpty() || k.indexOf(',') >= 0) {
        throw new IllegalArgumentException(where + ": bad python key '" + k + "'");
      }
    }
    if (b.error() != null && (present != 0 || b.pythonRequires() != null || !b.installRequires().isEmpty()
        || !b.setupRequires().isEmpty() || !b.testsRequire().isEmpty() || !b.extrasRequire().isEmpty())) {
      throw new IllegalArgumentException(where + ": a failed build cannot have setup() keywords");
    }
    Integer key = null;
    if (b.depsDbName() != null) {
      key = keys.get(b.depsDbName());
      if (key == null) {
        throw new IllegalArgumentException(where + ": pypi-deps-db name " + b.depsDbName()
            + " is not among the project's " + p.depsDbNames());
      }
    }
    int flags = (b.error() != null ? B_ERROR : 0)
        | (key != null ? B_DEPS_DB_NAME : 0)
        | (b.pythonRequires() != null ? B_PYTHON_REQUIRES : 0)
        | (present << B_KEYS_SHIFT);
    body.varint(flags);
    global(DICT_PYTHON_KEYS, String.join(",", b.pythonKeys()), t, body, inline, globals, tally);
    if (key != null) {
      body.varint(key);
    }
    if (b.error() != null) {
      body.varint(t.s(b.error()));
      return;
    }
    if (b.pythonRequires() != null) {
      body.varint(t.list(b.pythonRequires()));
    }
    body.varint(t.list(b.installRequires()));
    body.varint(t.list(b.setupRequires()));
    body.varint(t.list(b.testsRequire()));
    body.varint(b.extrasRequire().size());
    for (Map.Entry<String, List<String>> e : b.extrasRequire().entrySet()) {
      body.varint(t.s(e.getKey()));
      body.varint(t.list(e.getValue()));
    }
  }

  // ---------------------------------------------------------------------------------------
  // Decoding

  /** The start of a payload: everything before the string table. */
  record Head(String displayName, String[] keys, String[] versions) {}

  static Head head(String name, ByteReader in) {
    int pflags = in.varint();
    if ((pflags & ~P_DISPLAY_NAME) != 0) {
      throw in.corrupt("unknown project flags " + pflags);
    }
    String display = (pflags & P_DISPLAY_NAME) != 0 ? in.string() : name;
    int nKeys = in.varint(in.end() - in.pos());
    String[] keys = new String[nKeys];
    for (int i = 0; i < nKeys; i++) {
      int tag = in.varint();
      keys[i] = switch (tag) {
        case KEY_CANONICAL -> name;
        case KEY_DISPLAY -> display;
        case KEY_LITERAL -> in.string();
        default -> throw in.corrupt("unknown pypi-deps-db name tag " + tag);
      };
    }
    int nReleases = in.varint(in.end() - in.pos());
    String[] versions = new String[nReleases];
    byte[] previous = new byte[0];
    for (int i = 0; i < nReleases; i++) {
      int shared = in.varint(previous.length);
      byte[] suffix = in.bytes(in.varint(in.end() - in.pos()));
      byte[] v = Arrays.copyOf(previous, shared + suffix.length);
      System.arraycopy(suffix, 0, v, shared, suffix.length);
      versions[i] = new String(v, java.nio.charset.StandardCharsets.UTF_8);
      previous = v;
    }
    return new Head(display, keys, versions);
  }

  /** A whole payload; {@code dicts} are the global dictionaries (null in inline mode). */
  static Project decode(String name, ByteReader in, String[][] dicts) {
    boolean inline = dicts == null;
    Head head = head(name, in);
    String display = head.displayName();
    String[] keys = head.keys();
    String[] versions = head.versions();
    int nReleases = versions.length;
    int nStrings = in.varint(in.end() - in.pos());
    String[] strings = new String[nStrings];
    for (int i = 0; i < nStrings; i++) {
      strings[i] = in.string();
    }
    int nLists = in.varint(in.end() - in.pos());
    List<?>[] lists = new List<?>[nLists];
    for (int i = 0; i < nLists; i++) {
      int n = in.varint(in.end() - in.pos());
      String[] items = new String[n];
      for (int j = 0; j < n; j++) {
        items[j] = strings[in.varint(nStrings - 1)];
      }
      lists[i] = List.of(items);
    }
    Tables tb = new Tables(in, strings, lists, keys, dicts, inline);
    int nBuilds = in.varint(in.end() - in.pos());
    SdistBuild[] builds = new SdistBuild[nBuilds];
    for (int i = 0; i < nBuilds; i++) {
      builds[i] = build(in, tb);
    }
    int nSets = in.varint(in.end() - in.pos());
    List<?>[] sets = new List<?>[nSets];
    for (int i = 0; i < nSets; i++) {
      int n = in.varint(in.end() - in.pos());
      SdistBuild[] items = new SdistBuild[n];
      for (int j = 0; j < n; j++) {
        items[j] = builds[in.varint(nBuilds - 1)];
      }
      sets[i] = List.of(items);
    }
    int[] flags = new int[nReleases];
    for (int i = 0; i < nReleases; i++) {
      flags[i] = in.varint();
      if ((flags[i] & ~15) != 0) {
        throw in.corrupt("unknown release flags " + flags[i]);
      }
    }
    String[] requiresPython = new String[nReleases];
    String[] yankedReason = new String[nReleases];
    List<?>[] requiresDist = new List<?>[nReleases];
    for (int i = 0; i < nReleases; i++) {
      requiresPython[i] = (flags[i] & R_REQUIRES_PYTHON) != 0 ? tb.s() : null;
      yankedReason[i] = (flags[i] & R_YANKED_REASON) != 0 ? tb.s() : null;
      requiresDist[i] = (flags[i] & R_REQUIRES_DIST) != 0 ? tb.list() : List.of();
    }
    List<?>[] releaseBuilds = new List<?>[nReleases];
    for (int i = 0; i < nReleases; i++) {
      int ref = in.varint(nSets);
      releaseBuilds[i] = ref == 0 ? List.of() : sets[ref - 1];
    }
    int[] fileCounts = new int[nReleases];
    for (int i = 0; i < nReleases; i++) {
      fileCounts[i] = in.varint(in.end() - in.pos());
    }
    List<Release> releases = new ArrayList<>(nReleases);
    for (int i = 0; i < nReleases; i++) {
      List<DistFile> files = new ArrayList<>(fileCounts[i]);
      for (int j = 0; j < fileCounts[i]; j++) {
        files.add(file(in, tb, versions[i]));
      }
      @SuppressWarnings("unchecked")
      Release r = new Release(versions[i], requiresPython[i], (flags[i] & R_YANKED) != 0, yankedReason[i],
          (List<String>) requiresDist[i], files, (List<SdistBuild>) releaseBuilds[i]);
      releases.add(r);
    }
    if (!in.atEnd()) {
      throw in.corrupt((in.end() - in.pos()) + " unexpected bytes after the project " + name);
    }
    return new Project(name, display, Arrays.asList(keys), releases);
  }

  /** The tables a payload's references point into. */
  private record Tables(ByteReader in, String[] strings, List<?>[] lists, String[] keys, String[][] dicts,
      boolean inline) {
    String s() {
      return strings[in.varint(strings.length - 1)];
    }

    @SuppressWarnings("unchecked")
    List<String> list() {
      return (List<String>) lists[in.varint(lists.length - 1)];
    }

    String key() {
      return keys[in.varint(keys.length - 1)];
    }

    String global(int dict) {
      if (inline) {
        return s();
      }
      String[] d = dicts[dict];
      return d[in.varint(d.length - 1)];
    }
  }

  private static DistFile file(ByteReader in, Tables t, String version) {
    int flags = in.varint();
    if ((flags & ~F_ALL) != 0 || (flags & F_FORM_MASK) == 3) {
      throw in.corrupt("unknown file flags " + flags);
    }
    String packagetype = t.global(DICT_PACKAGETYPE);
    String filename;
    switch (flags & F_FORM_MASK) {
      case FORM_LITERAL -> filename = t.s();
      case FORM_WHEEL -> {
        StringBuilder sb = new StringBuilder(64).append(t.s()).append('-');
        sb.append((flags & F_VERSION_LITERAL) != 0 ? t.s() : version).append('-');
        if ((flags & F_BUILD_TAG) != 0) {
          sb.append(t.s()).append('-');
        }
        sb.append(t.global(DICT_WHEEL_PYTHON)).append('-');
        sb.append(t.global(DICT_WHEEL_ABI)).append('-');
        sb.append(t.global(DICT_WHEEL_PLATFORM)).append(".whl");
        filename = sb.toString();
      }
      default -> filename = t.s() + version + t.global(DICT_SUFFIX);
    }
    String pythonVersion = (flags & F_PYTHON_VERSION) != 0 ? t.global(DICT_PYTHON_VERSION) : null;
    String sha = (flags & F_SHA256) != 0 ? hex(in.bytes(32)) : null;
    String yankedReason = (flags & F_YANKED_REASON) != 0 ? t.s() : null;
    String requiresPython = (flags & F_REQUIRES_PYTHON) != 0 ? t.s() : null;
    List<String> requiresDist = (flags & F_REQUIRES_DIST) != 0 ? t.list() : List.of();
    List<String> providesExtra = (flags & F_PROVIDES_EXTRA) != 0 ? t.list() : null;
    String key = (flags & F_DEPS_DB_NAME) != 0 ? t.key() : null;
    return new DistFile(filename, packagetype, pythonVersion, requiresPython, sha, (flags & F_YANKED) != 0,
        yankedReason, requiresDist, providesExtra, key);
  }

  private static SdistBuild build(ByteReader in, Tables t) {
    int flags = in.varint();
    if ((flags & ~B_ALL) != 0) {
      throw in.corrupt("unknown sdist build flags " + flags);
    }
    String group = t.global(DICT_PYTHON_KEYS);
    List<String> pythonKeys = group.isEmpty() ? List.of() : List.of(group.split(",", -1));
    String key = (flags & B_DEPS_DB_NAME) != 0 ? t.key() : null;
    List<String> present = new ArrayList<>(5);
    for (int i = 0; i < SdistBuild.KEYS.size(); i++) {
      if ((flags & (1 << (B_KEYS_SHIFT + i))) != 0) {
        present.add(SdistBuild.KEYS.get(i));
      }
    }
    if ((flags & B_ERROR) != 0) {
      if ((flags & B_PYTHON_REQUIRES) != 0 || !present.isEmpty()) {
        throw in.corrupt("a failed sdist build with setup() keywords");
      }
      return new SdistBuild(key, pythonKeys, t.s(), null, List.of(), List.of(), List.of(), List.of(), Map.of());
    }
    List<String> pythonRequires = (flags & B_PYTHON_REQUIRES) != 0 ? t.list() : null;
    List<String> install = t.list();
    List<String> setup = t.list();
    List<String> tests = t.list();
    int nExtras = in.varint(in.end() - in.pos());
    Map<String, List<String>> extras = new LinkedHashMap<>();
    for (int i = 0; i < nExtras; i++) {
      String k = t.s();
      if (extras.put(k, t.list()) != null) {
        throw in.corrupt("duplicate extras_require key " + k);
      }
    }
    return new SdistBuild(key, pythonKeys, null, pythonRequires, present, install, setup, tests, extras);
  }
}
