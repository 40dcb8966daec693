package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.resolver.Incompatibility.Empty;
import dev.pypidb.pypa.resolver.ProjectCandidates.RawDep;
import dev.pypidb.pypa.resolver.ProjectCandidates.RawDeps;
import dev.pypidb.pypa.resolver.ProjectCandidates.Unusable;
import dev.pypidb.pypa.tags.Target;
import dev.pypidb.pypa.version.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One PubGrub run: the partial solution, the incompatibilities, unit propagation, conflict
 * resolution and decision making (pub's solver.md, with pubgrub-rs's conventions: the root is
 * derived at decision level 0 and decided at level 1; backjumps never go below level 1).
 */
final class Solver {
  static final int ROOT = 0;

  private static final int SATISFIED = -1;
  private static final int CONTRADICTED = -2;
  private static final int INCONCLUSIVE = -3;
  private static final int MAX_WARNINGS = 200;

  private final Resolver resolver;
  final Target target;
  final Policy policy;
  private final Budget budget;
  private final long startNanos;
  private final SolverClock clock = new SolverClock();
  private final long limitNanos;
  private long steps;
  private int clockTicks;

  private final TreeSet<String> consulted = new TreeSet<>();
  private final List<String> rootWarnings = new ArrayList<>();
  final List<Node> nodes = new ArrayList<>();
  private final Map<String, Node> nodesByKey = new HashMap<>();
  private final Map<String, ProjectCandidates> projectsSeen = new HashMap<>();
  private final List<Assignment> trail = new ArrayList<>();
  private int level;
  private int nextId;
  /** Dependency incompatibilities per (node, version), in the order versions were examined. */
  private final Map<Long, List<Incompatibility>> dependencies = new LinkedHashMap<>();
  private final Map<Long, List<Node>> dependencyNodes = new HashMap<>();
  private final Map<Long, List<String>> dependencyWarnings = new LinkedHashMap<>();
  private final Map<List<Object>, Incompatibility> dependencyIncompats = new HashMap<>();
  /** What each requirement's dependency incompatibility matches and whether it opts in. */
  private final Map<Incompatibility, Requested> requested = new HashMap<>();
  private Map<String, RawDep> rootDeps = Map.of();
  /** Per project, the opt-ins of every requirement read so far; kept across restarts. */
  private final Map<String, OptIn> optIns = new HashMap<>();
  /** Projects whose opt-ins some allowed set of this search was computed with. */
  private final java.util.Set<String> optInsUsed = new java.util.HashSet<>();

  /** A package: a project, or one extra of it. */
  static final class Node implements Comparable<Node> {
    final int id;
    final String project;
    final String extra;
    final String display;
    final ProjectCandidates pc;
    final int size;
    final List<Incompatibility> incompats = new ArrayList<>();
    final List<Assignment> assignments = new ArrayList<>();
    /** Intersection of this node's assignments; null when there is none ("any"). */
    Term acc;
    int decision = -1;

    Node(int id, String project, String extra, String display, ProjectCandidates pc, int size) {
      this.id = id;
      this.project = project;
      this.extra = extra;
      this.display = display;
      this.pc = pc;
      this.size = size;
    }

    List<Version> versions() {
      return pc == null ? List.of() : pc.versions();
    }

    VersionSet yanked() {
      return pc == null ? null : pc.yanked;
    }

    @Override
    public int compareTo(Node o) {
      int c = project.compareTo(o.project);
      return c != 0 ? c : extra.compareTo(o.extra);
    }
  }

  /** An entry of the partial solution. */
  static final class Assignment {
    final int index;
    final Node node;
    final Term term;
    final Term accAfter;
    final int level;
    final Incompatibility cause;
    final boolean decision;

    Assignment(int index, Node node, Term term, Term accAfter, int level, Incompatibility cause,
        boolean decision) {
      this.index = index;
      this.node = node;
      this.term = term;
      this.accAfter = accAfter;
      this.level = level;
      this.cause = cause;
      this.decision = decision;
    }
  }

  private static final class NoSolution extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Incompatibility incompatibility;

    NoSolution(Incompatibility incompatibility) {
      super(null, null, false, false);
      this.incompatibility = incompatibility;
    }
  }

  /**
   * A requirement read during the search opts a project into versions that allowed sets
   * computed earlier left out: those sets, and everything learned from them, are too strict,
   * so the search starts again with the larger opt-ins (they only grow, so this ends).
   */
  private static final class Restart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Restart() {
      super(null, null, false, false);
    }
  }

  /**
   * What the requirements on a project opt it into (pip's rules, PEP 440 and PEP 592): its
   * pre-releases, and which of its yanked versions.
   */
  private record OptIn(boolean prereleases, VersionSet yanked) {
    static OptIn none(int size) {
      return new OptIn(false, VersionSet.empty(size));
    }

    boolean covers(OptIn o) {
      return (prereleases || !o.prereleases) && o.yanked.subsetOf(yanked);
    }

    OptIn with(OptIn o) {
      return new OptIn(prereleases || o.prereleases, yanked.or(o.yanked));
    }
  }

  /** A requirement's matching versions (pre-releases and yanked ones included), its opt-in. */
  private record Requested(VersionSet matching, boolean optsIntoPrereleases) {}

  /** The step budget ran out ({@code time} false) or the solver-time safety net did. */
  private static final class OutOfBudget extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean time;

    OutOfBudget(boolean time) {
      super(null, null, false, false);
      this.time = time;
    }
  }

  Solver(Resolver resolver, Target target, Policy policy, Budget budget) {
    this.resolver = resolver;
    this.target = target;
    this.policy = policy;
    this.budget = budget;
    this.startNanos = System.nanoTime();
    this.limitNanos = budget.maxSolverMillis() * 1_000_000L;
  }

  // ---- the main loop ------------------------------------------------------------------------

  Resolution run(List<String> requirements) {
    for (String raw : requirements) {
      Object parsed = resolver.requirement(raw);
      if (parsed instanceof String error) {
        return invalid("Invalid requirement '" + raw + "': " + error);
      }
      if (((Requirement) parsed).url() != null) {
        return invalid("Invalid requirement '" + raw
            + "': a direct URL cannot be resolved from a package index");
      }
    }
    RawDeps root = clock.excluding(
        () -> resolver.readRequirements(requirements, target, "", "your requirements"));
    rootWarnings.addAll(root.warnings());
    rootDeps = root.deps();
    while (true) {
      try {
        return search();
      } catch (Restart e) {
        reset();
      }
    }
  }

  /** One search from scratch with the opt-ins known so far; throws {@link Restart}. */
  private Resolution search() {
    Node rootNode = new Node(ROOT, "", "", "your requirements", null, 1);
    nodes.add(rootNode);
    addIncompatibility(Incompatibility.notRoot(nextId++, ROOT));
    try {
      int next = ROOT;
      while (true) {
        checkClock();
        propagate(next);
        Node pick = pick();
        if (pick == null) {
          return success();
        }
        next = pick.id;
        int v = choose(pick);
        if (pick.id != ROOT && !pick.pc.usable(v)) {
          // cannot happen (unusable versions are excluded up front); stay safe anyway
          Unusable u = pick.pc.unusable[v];
          addIncompatibility(Incompatibility.unusable(nextId++, pick.id,
              VersionSet.single(pick.size, v), u.reason(), u.detail()));
          continue;
        }
        boolean conflict = false;
        for (Incompatibility inc : dependenciesOf(pick, v)) {
          if (wouldConflict(inc, pick, v)) {
            conflict = true;
            break;
          }
        }
        if (!conflict) {
          decide(pick, v);
        }
      }
    } catch (NoSolution e) {
      return failure(e.incompatibility);
    } catch (OutOfBudget e) {
      if (e.time) {
        return result(Resolution.Status.FAILED, FailureCategory.TIME_LIMIT,
            "Stopped after " + steps + " steps: the solver used up its safety net of "
                + budget.maxSolverMillis() + " ms of CPU time before the step budget ("
                + budget.maxSteps() + " steps) ran out. This is not a verdict: how far the solver"
                + " gets in that time depends on the machine; resolve again with a larger time"
                + " limit.",
            List.of(), List.of(), allWarnings());
      }
      return result(Resolution.Status.FAILED, FailureCategory.BUDGET_EXHAUSTED,
          "Gave up after " + steps + " steps: the step budget (" + budget.maxSteps()
              + " steps) ran out before a solution or a proof that none exists was found.",
          List.of(), List.of(), allWarnings());
    }
  }

  // ---- unit propagation ---------------------------------------------------------------------

  private void propagate(int start) {
    ArrayDeque<Integer> changed = new ArrayDeque<>();
    changed.push(start);
    while (!changed.isEmpty()) {
      Node node = nodes.get(changed.pop());
      Incompatibility conflict = null;
      for (int i = node.incompats.size() - 1; i >= 0; i--) {
        Incompatibility inc = node.incompats.get(i);
        int rel = relation(inc);
        if (rel == SATISFIED) {
          conflict = inc;
          break;
        }
        if (rel >= 0) {
          int m = inc.nodes[rel];
          derive(nodes.get(m), inc.terms[rel].negate(), inc);
          if (!changed.contains(m)) {
            changed.push(m);
          }
        }
      }
      if (conflict != null) {
        Incompatibility learned = resolveConflict(conflict);
        int rel = relation(learned);
        while (rel == SATISFIED) {
          learned = resolveConflict(learned);
          rel = relation(learned);
        }
        changed.clear();
        if (rel >= 0) {
          int m = learned.nodes[rel];
          derive(nodes.get(m), learned.terms[rel].negate(), learned);
          changed.push(m);
        } else {
          for (int m : learned.nodes) {
            changed.push(m);
          }
        }
      }
    }
  }

  /** SATISFIED, CONTRADICTED, INCONCLUSIVE, or the index of the single unsatisfied term. */
  private int relation(Incompatibility inc) {
    int unsatisfied = SATISFIED;
    for (int k = 0; k < inc.nodes.length; k++) {
      Term acc = nodes.get(inc.nodes[k]).acc;
      Term t = inc.terms[k];
      if (acc == null) {
        if (t.isAny()) {
          continue;
        }
      } else if (acc.satisfies(t)) {
        continue;
      } else if (acc.contradicts(t)) {
        return CONTRADICTED;
      }
      if (unsatisfied != SATISFIED) {
        return INCONCLUSIVE;
      }
      unsatisfied = k;
    }
    return unsatisfied;
  }

  // ---- conflict resolution -------------------------------------------------------------------

  private Incompatibility resolveConflict(Incompatibility conflict) {
    Incompatibility current = conflict;
    boolean learned = false;
    while (true) {
      checkClock();
      if (current.nodes.length == 0
          || (current.nodes.length == 1 && current.nodes[0] == ROOT && current.terms[0].positive)) {
        throw new NoSolution(current);
      }
      Assignment[] satisfiers = new Assignment[current.nodes.length];
      Assignment satisfier = null;
      int satK = -1;
      for (int k = 0; k < current.nodes.length; k++) {
        satisfiers[k] = satisfierOf(nodes.get(current.nodes[k]), current.terms[k]);
        if (satisfier == null || satisfiers[k].index > satisfier.index) {
          satisfier = satisfiers[k];
          satK = k;
        }
      }
      int previous = -1;
      for (int k = 0; k < satisfiers.length; k++) {
        if (k != satK) {
          previous = Math.max(previous, satisfiers[k].index);
        }
      }
      Term term = current.terms[satK];
      if (!satisfier.term.satisfies(term)) {
        for (Assignment a : satisfier.node.assignments) {
          if (a.index >= satisfier.index) {
            break;
          }
          if (a.accAfter.intersect(satisfier.term).satisfies(term)) {
            previous = Math.max(previous, a.index);
            break;
          }
        }
      }
      int previousLevel = previous < 0 ? 1 : Math.max(1, trail.get(previous).level);
      if (satisfier.decision || previousLevel < satisfier.level) {
        backtrack(previousLevel);
        if (learned) {
          addIncompatibility(current);
        }
        return current;
      }
      current = priorCause(current, satisfier.cause, satisfier.node.id);
      learned = true;
    }
  }

  private Assignment satisfierOf(Node node, Term term) {
    for (Assignment a : node.assignments) {
      if (a.accAfter.satisfies(term)) {
        return a;
      }
    }
    throw new IllegalStateException("no satisfier for " + node.display + " " + term);
  }

  /** {q, r, t1 ∪ t2} from {t1, q} and {t2, r} (generalized resolution on {@code node}). */
  private Incompatibility priorCause(Incompatibility incompat, Incompatibility cause, int node) {
    LinkedHashMap<Integer, Term> terms = new LinkedHashMap<>();
    for (int k = 0; k < incompat.nodes.length; k++) {
      terms.merge(incompat.nodes[k], incompat.terms[k], Term::intersect);
    }
    for (int k = 0; k < cause.nodes.length; k++) {
      if (cause.nodes[k] != node) {
        terms.merge(cause.nodes[k], cause.terms[k], Term::intersect);
      }
    }
    Term t2 = cause.termFor(node);
    Term union = t2 == null ? incompat.termFor(node) : incompat.termFor(node).union(t2);
    terms.put(node, union);
    terms.values().removeIf(Term::isAny);
    int[] ns = new int[terms.size()];
    Term[] ts = new Term[terms.size()];
    int i = 0;
    for (Map.Entry<Integer, Term> e : terms.entrySet()) {
      ns[i] = e.getKey();
      ts[i++] = e.getValue();
    }
    return Incompatibility.derived(nextId++, ns, ts, incompat, cause);
  }

  private void backtrack(int toLevel) {
    while (!trail.isEmpty() && trail.get(trail.size() - 1).level > toLevel) {
      Assignment a = trail.remove(trail.size() - 1);
      Node n = a.node;
      n.assignments.remove(n.assignments.size() - 1);
      n.acc = n.assignments.isEmpty() ? null : n.assignments.get(n.assignments.size() - 1).accAfter;
      if (a.decision) {
        n.decision = -1;
      }
    }
    level = toLevel;
  }

  // ---- partial solution ----------------------------------------------------------------------

  private void derive(Node node, Term term, Incompatibility cause) {
    step();
    Term acc = node.acc == null ? term : node.acc.intersect(term);
    Assignment a = new Assignment(trail.size(), node, term, acc, level, cause, false);
    trail.add(a);
    node.assignments.add(a);
    node.acc = acc;
    if (cause.kind == Incompatibility.Kind.DEPENDENCY && cause.dependee == node.id) {
      checkOnlyPrereleasesMatch(node, null);
    }
  }

  private void decide(Node node, int version) {
    step();
    level++;
    Term term = Term.positive(VersionSet.single(node.size, version));
    Term acc = node.acc == null ? term : node.acc.intersect(term);
    Assignment a = new Assignment(trail.size(), node, term, acc, level, null, true);
    trail.add(a);
    node.assignments.add(a);
    node.acc = acc;
    node.decision = version;
  }

  private void step() {
    if (steps >= budget.maxSteps()) {
      throw new OutOfBudget(false);
    }
    steps++;
    if ((steps & 63) == 0) {
      checkClock();
    }
  }

  private void checkClock() {
    if (clock.solverNanos() > limitNanos) {
      throw new OutOfBudget(true);
    }
  }

  private void tick() {
    if ((++clockTicks & 255) == 0) {
      checkClock();
    }
  }

  // ---- decision making -----------------------------------------------------------------------

  /** The undecided package with a positive derivation and the fewest candidates (then name). */
  private Node pick() {
    Node best = null;
    int bestCount = 0;
    for (Node n : nodes) {
      if (n.decision >= 0 || n.acc == null || !n.acc.positive) {
        continue;
      }
      if (n.id == ROOT) {
        return n;
      }
      int c = n.acc.set.cardinality();
      if (best == null || c < bestCount || (c == bestCount && n.compareTo(best) < 0)) {
        best = n;
        bestCount = c;
      }
    }
    return best;
  }

  /** Whether deciding {@code node == v} would at once satisfy {@code inc}. */
  private boolean wouldConflict(Incompatibility inc, Node node, int v) {
    for (int k = 0; k < inc.nodes.length; k++) {
      Term t = inc.terms[k];
      if (inc.nodes[k] == node.id) {
        if (t.positive != t.set.contains(v)) {
          return false;
        }
      } else {
        Term acc = nodes.get(inc.nodes[k]).acc;
        if (acc == null ? !t.isAny() : !acc.satisfies(t)) {
          return false;
        }
      }
    }
    return true;
  }

  private static long key(Node node, int version) {
    return ((long) node.id << 32) | version;
  }

  /** The dependency incompatibilities of {@code node == v}, added to the solver once. */
  private List<Incompatibility> dependenciesOf(Node node, int v) {
    long key = key(node, v);
    List<Incompatibility> known = dependencies.get(key);
    if (known != null) {
      return known;
    }
    List<Incompatibility> out = new ArrayList<>();
    List<Node> targets = new ArrayList<>();
    if (node.id == ROOT) {
      for (RawDep d : rootDeps.values()) {
        optIn(d, node(d.project(), d.extra()));
      }
      for (RawDep d : rootDeps.values()) {
        Node dep = node(d.project(), d.extra());
        targets.add(dep);
        Allowed allowed = allowed(dep, d);
        addDependency(out, node, VersionSet.full(1), dep, allowed, d.text());
      }
    } else {
      if (!node.extra.isEmpty()) {
        Node base = node(node.project, "");
        targets.add(base);
        VersionSet one = VersionSet.single(node.size, v);
        addDependency(out, node, one, base, new Allowed(one, Empty.NONE, null, false),
            "==" + node.versions().get(v));
      }
      RawDeps raw = resolver.rawDeps(node.pc, v, node.extra, target, clock);
      dependencyWarnings.put(key, raw.warnings());
      for (RawDep d : raw.deps().values()) {
        Node dep = node(d.project(), d.extra());
        optIn(d, dep);
        if (dep.pc != null && dep != node) {
          checkOnlyPrereleasesMatch(dep, dep.pc.pv.matching(d.specifier(), d.text()));
        }
      }
      for (RawDep d : raw.deps().values()) {
        Node dep = node(d.project(), d.extra());
        targets.add(dep);
        Allowed allowed = allowed(dep, d);
        VersionSet range = dep == node
            ? VersionSet.single(node.size, v) : extend(node, v, d, dep, allowed);
        addDependency(out, node, range, dep, allowed, d.text());
      }
    }
    dependencies.put(key, out);
    dependencyNodes.put(key, targets);
    return out;
  }

  private void addDependency(List<Incompatibility> out, Node depender, VersionSet range,
      Node dependee, Allowed allowed, String specifier) {
    List<Object> key = List.of(depender.id, range, dependee.id, allowed.set, specifier);
    Incompatibility inc = dependencyIncompats.get(key);
    if (inc == null) {
      inc = Incompatibility.dependency(nextId++, depender.id, range, dependee.id, allowed.set,
          specifier, allowed.empty);
      if (inc == null) {
        return;
      }
      dependencyIncompats.put(key, inc);
      if (allowed.matching != null) {
        requested.put(inc, new Requested(allowed.matching, allowed.optsIntoPrereleases));
      }
      addIncompatibility(inc);
    }
    out.add(inc);
  }

  /**
   * The versions of {@code dependee} a requirement allows, why none if none, the versions its
   * specifier matches (null for an extra's dependency on its own base) and whether it opts the
   * project into pre-releases by itself.
   */
  private record Allowed(VersionSet set, Empty empty, VersionSet matching,
      boolean optsIntoPrereleases) {}

  /**
   * The versions a requirement allows: those its specifier matches, without the project's
   * pre-releases and yanked versions unless the requirements on the project read so far opt
   * into them ({@link #optInOf}). pip merges every requirement on a package before it applies
   * these rules; here an opt-in read anywhere widens every requirement on the project, and the
   * choice of a version ({@link #choose}) prefers what the active requirements alone allow.
   */
  private Allowed allowed(Node dependee, RawDep d) {
    if (dependee.pc == null) {
      return new Allowed(VersionSet.empty(0), Empty.NO_PROJECT, null, false);
    }
    ProjectCandidates pc = dependee.pc;
    optInsUsed.add(d.project());
    OptIn own = optInOf(d, pc);
    OptIn all = optIns.getOrDefault(d.project(), OptIn.none(pc.size()));
    VersionSet matching = pc.pv.matching(d.specifier(), d.text());
    VersionSet prereleaseRule = all.prereleases() ? matching : matching.minus(pc.prereleases());
    VersionSet set = prereleaseRule.minus(pc.yanked.minus(all.yanked()));
    Empty empty = !set.isEmpty() ? Empty.NONE
        : prereleaseRule.isEmpty() ? Empty.NO_MATCH : Empty.ONLY_YANKED;
    return new Allowed(set, empty, matching, own.prereleases());
  }

  /**
   * What one requirement opts its project into. Pre-releases (packaging's rule): when its
   * specifier names a pre-release, or when no usable final release matches it and a pre-release
   * does. Yanked versions (PEP 592, pip's rule): when it pins ({@code ==V}, {@code ===V}) and
   * every usable version it then matches is yanked.
   */
  private static OptIn optInOf(RawDep d, ProjectCandidates pc) {
    VersionSet matching = pc.pv.matching(d.specifier(), d.text());
    VersionSet pre = pc.prereleases();
    boolean prereleases = Boolean.TRUE.equals(d.specifier().prereleases())
        || (matching.and(pc.usable).minus(pre).isEmpty() && !matching.and(pre).isEmpty());
    VersionSet yanked = VersionSet.empty(pc.size());
    if (d.pinned()) {
      // pip: a pin may pick a yanked version when every candidate it leaves is yanked
      VersionSet candidates = prereleases ? matching : matching.minus(pre);
      if (candidates.and(pc.usable).subsetOf(pc.yanked)) {
        yanked = candidates.and(pc.yanked);
      }
    }
    return new OptIn(prereleases, yanked);
  }

  /** Records {@code d}'s opt-ins; restarts when they widen sets this search already used. */
  private void optIn(RawDep d, Node dependee) {
    if (dependee.pc != null) {
      widen(d.project(), optInOf(d, dependee.pc));
    }
  }

  private void widen(String project, OptIn add) {
    if (!add.prereleases() && add.yanked().isEmpty()) {
      return;
    }
    OptIn old = optIns.get(project);
    if (old != null && old.covers(add)) {
      return;
    }
    optIns.put(project, old == null ? add : old.with(add));
    if (optInsUsed.contains(project)) {
      throw new Restart();
    }
  }

  /**
   * pip applies the pre-release rule to all requirements on a package together: when no usable
   * final release satisfies the active ones (each matching some), their pre-releases may be
   * chosen. Checked whenever a requirement constrains {@code node}, and for the requirements of
   * a version about to be chosen ({@code also}: what one of them matches) with the active ones.
   */
  private void checkOnlyPrereleasesMatch(Node node, VersionSet also) {
    ProjectCandidates pc = node.pc;
    OptIn known = optIns.get(node.project);
    if (pc == null || (known != null && known.prereleases())
        || pc.prereleases().and(pc.usable).isEmpty()) {
      return;
    }
    VersionSet together = also;
    for (Assignment a : node.assignments) {
      Requested r = a.cause == null ? null : requested.get(a.cause);
      if (r != null && a.cause.dependee == node.id) {
        together = together == null ? r.matching() : together.and(r.matching());
      }
    }
    if (together == null) {
      return;
    }
    VersionSet usable = together.and(pc.usable);
    if (usable.minus(pc.prereleases()).isEmpty() && !usable.isEmpty()) {
      widen(node.project, new OptIn(true, VersionSet.empty(pc.size())));
    }
  }

  /**
   * The version to try for {@code node}: the highest allowed one, preferring (as pip's
   * candidate lists do) versions that are not yanked, and final releases unless a requirement
   * on the package that is active now opts into pre-releases.
   */
  private int choose(Node node) {
    VersionSet set = node.acc.set;
    if (node.id == ROOT) {
      return set.highest();
    }
    ProjectCandidates pc = node.pc;
    VersionSet notYanked = set.minus(pc.yanked);
    boolean prereleasesWanted = false;
    for (Assignment a : node.assignments) {
      Requested r = a.cause == null ? null : requested.get(a.cause);
      if (r != null && a.cause.dependee == node.id && r.optsIntoPrereleases()) {
        prereleasesWanted = true;
        break;
      }
    }
    if (!prereleasesWanted) {
      VersionSet finals = notYanked.minus(pc.prereleases());
      if (!finals.isEmpty()) {
        return finals.highest();
      }
    }
    return !notYanked.isEmpty() ? notYanked.highest() : set.highest();
  }

  /** Forgets the search (not the opt-ins, the projects consulted or the steps) for a restart. */
  private void reset() {
    nodes.clear();
    nodesByKey.clear();
    trail.clear();
    level = 0;
    dependencies.clear();
    dependencyNodes.clear();
    dependencyWarnings.clear();
    dependencyIncompats.clear();
    requested.clear();
    optInsUsed.clear();
  }

  /**
   * The contiguous range of versions around {@code v} that have the very same dependency (pub's
   * package lister does this), crossing unusable versions (they are excluded anyway) but never
   * ending on one.
   */
  private VersionSet extend(Node node, int v, RawDep d, Node dep, Allowed allowed) {
    int lo = v;
    for (int j = v - 1; j >= 0; j--) {
      tick();
      if (!node.pc.usable(j)) {
        continue;
      }
      if (!sameDependency(node, j, d, dep, allowed)) {
        break;
      }
      lo = j;
    }
    int hi = v;
    for (int j = v + 1; j < node.size; j++) {
      tick();
      if (!node.pc.usable(j)) {
        continue;
      }
      if (!sameDependency(node, j, d, dep, allowed)) {
        break;
      }
      hi = j;
    }
    return VersionSet.range(node.size, lo, hi);
  }

  private boolean sameDependency(Node node, int j, RawDep d, Node dep, Allowed allowed) {
    RawDep other = resolver.rawDeps(node.pc, j, node.extra, target, clock).deps().get(d.key());
    if (other == null) {
      return false;
    }
    boolean sameText = other.text().equals(d.text());
    if (sameText && other.pinned() == d.pinned()) {
      return true;
    }
    if (dep.pc != null && !optIns.getOrDefault(dep.project, OptIn.none(dep.pc.size()))
        .covers(optInOf(other, dep.pc))) {
      return false; // its opt-ins are not read yet: it is not the same dependency
    }
    if (!allowed(dep, other).set.equals(allowed.set)) {
      return false;
    }
    return sameText || !allowed.set.isEmpty(); // an empty set also needs the same words
  }

  private Node node(String project, String extra) {
    String key = RawDep.key(project, extra);
    Node known = nodesByKey.get(key);
    if (known != null) {
      return known;
    }
    if (!projectsSeen.containsKey(project)) {
      consulted.add(project);
      projectsSeen.put(project, clock.excluding(() -> {
        ProjectVersions pv = resolver.versions(project);
        return pv == null ? null : resolver.candidates(pv, target, policy);
      }));
    }
    ProjectCandidates pc = projectsSeen.get(project);
    Node n = new Node(nodes.size(), project, extra, key, pc, pc == null ? 0 : pc.size());
    nodes.add(n);
    nodesByKey.put(key, n);
    if (pc != null) {
      Map<Unusable, VersionSet.Builder> groups = new LinkedHashMap<>();
      for (int i = 0; i < pc.size(); i++) {
        if (pc.unusable[i] != null) {
          groups.computeIfAbsent(pc.unusable[i], u -> VersionSet.builder(pc.size())).add(i);
        }
      }
      groups.forEach((u, b) -> addIncompatibility(
          Incompatibility.unusable(nextId++, n.id, b.build(), u.reason(), u.detail())));
    }
    return n;
  }

  private void addIncompatibility(Incompatibility inc) {
    for (int k = 0; k < inc.nodes.length; k++) {
      List<Incompatibility> list = nodes.get(inc.nodes[k]).incompats;
      if (list.isEmpty() || list.get(list.size() - 1) != inc) {
        list.add(inc);
      }
    }
  }

  // ---- results -------------------------------------------------------------------------------

  private Resolution success() {
    Map<String, Integer> versions = new TreeMap<>();
    Map<String, List<String>> extras = new TreeMap<>();
    Map<String, ProjectCandidates> pcs = new HashMap<>();
    List<String> warnings = new ArrayList<>(rootWarnings);
    for (Node n : nodes) {
      if (n.id == ROOT || n.decision < 0) {
        continue;
      }
      pcs.put(n.project, n.pc);
      if (n.extra.isEmpty()) {
        versions.put(n.project, n.decision);
      } else {
        extras.computeIfAbsent(n.project, p -> new ArrayList<>()).add(n.extra);
      }
      List<String> w = dependencyWarnings.get(key(n, n.decision));
      if (w != null) {
        warnings.addAll(w);
      }
    }
    List<Pin> pins = new ArrayList<>();
    for (Map.Entry<String, Integer> e : versions.entrySet()) {
      ProjectCandidates pc = pcs.get(e.getKey());
      int i = e.getValue();
      Distribution d = pc.chosen[i];
      List<String> ex = new ArrayList<>(extras.getOrDefault(e.getKey(), List.of()));
      Collections.sort(ex);
      pins.add(new Pin(e.getKey(), pc.pv.releases.get(i).version(), d.filename(), d.provider(), ex));
      if (pc.notes[i] != null) {
        warnings.add(pc.notes[i]);
      }
    }
    return result(Resolution.Status.RESOLVED, null, "", pins, cycles(), warnings);
  }

  private Resolution failure(Incompatibility root) {
    String explanation = new Explainer(this).explain(root);
    return result(Resolution.Status.FAILED, classify(root), explanation, List.of(), List.of(),
        allWarnings());
  }

  private Resolution invalid(String message) {
    return result(Resolution.Status.FAILED, FailureCategory.INVALID_REQUIREMENT, message,
        List.of(), List.of(), List.of());
  }

  private List<String> allWarnings() {
    List<String> out = new ArrayList<>(rootWarnings);
    dependencyWarnings.values().forEach(out::addAll);
    return out;
  }

  private Resolution result(Resolution.Status status, FailureCategory category,
      String explanation, List<Pin> pins, List<List<String>> cycles, List<String> warnings) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(warnings));
    if (unique.size() > MAX_WARNINGS) {
      int more = unique.size() - MAX_WARNINGS;
      unique = new ArrayList<>(unique.subList(0, MAX_WARNINGS));
      unique.add("... and " + more + " more warnings");
    }
    long micros = (System.nanoTime() - startNanos) / 1_000;
    return new Resolution(status, category, explanation, pins, cycles, steps, micros,
        new ArrayList<>(consulted), unique);
  }

  /** Cycles among the pinned projects: one per strongly connected component of two or more. */
  private List<List<String>> cycles() {
    Map<String, TreeSet<String>> edges = new TreeMap<>();
    for (Node n : nodes) {
      if (n.id == ROOT || n.decision < 0) {
        continue;
      }
      edges.computeIfAbsent(n.project, p -> new TreeSet<>());
      for (Node t : dependencyNodes.getOrDefault(key(n, n.decision), List.of())) {
        if (!t.project.equals(n.project) && t.decision >= 0) {
          edges.get(n.project).add(t.project);
        }
      }
    }
    return Cycles.find(edges);
  }

  /** See {@link FailureCategory} for the order of the rules. */
  private FailureCategory classify(Incompatibility root) {
    List<Incompatibility> leaves = new ArrayList<>();
    ArrayDeque<Incompatibility> stack = new ArrayDeque<>();
    java.util.Set<Incompatibility> seen =
        Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    stack.push(root);
    while (!stack.isEmpty()) {
      Incompatibility inc = stack.pop();
      if (!seen.add(inc)) {
        continue;
      }
      if (inc.isDerived()) {
        stack.push(inc.cause2);
        stack.push(inc.cause1);
      } else {
        leaves.add(inc);
      }
    }
    boolean rootEmpty = false;
    boolean otherEmpty = false;
    boolean python = false;
    boolean distribution = false;
    Map<Integer, Integer> dependerOf = new HashMap<>();
    boolean conflict = false;
    for (Incompatibility inc : leaves) {
      if (inc.kind == Incompatibility.Kind.DEPENDENCY) {
        if (inc.empty == Empty.NO_PROJECT) {
          return FailureCategory.NO_SUCH_PROJECT;
        }
        if (inc.empty != Empty.NONE) {
          if (inc.depender == ROOT) {
            rootEmpty = true;
          } else {
            otherEmpty = true;
          }
          continue;
        }
        Integer previous = dependerOf.putIfAbsent(inc.dependee, inc.depender);
        if (previous != null && previous != inc.depender) {
          conflict = true;
        }
      } else if (inc.kind == Incompatibility.Kind.UNUSABLE) {
        python |= inc.reason == ProjectCandidates.Reason.REQUIRES_PYTHON;
        distribution |= inc.reason == ProjectCandidates.Reason.NO_DISTRIBUTION;
      }
    }
    if (rootEmpty) {
      return FailureCategory.NO_MATCHING_VERSION;
    }
    if (conflict) {
      return FailureCategory.CONFLICT;
    }
    if (otherEmpty) {
      return FailureCategory.NO_MATCHING_VERSION;
    }
    if (python) {
      return FailureCategory.REQUIRES_PYTHON;
    }
    if (distribution) {
      return FailureCategory.NO_DISTRIBUTION_FOR_TARGET;
    }
    return FailureCategory.CONFLICT;
  }
}
