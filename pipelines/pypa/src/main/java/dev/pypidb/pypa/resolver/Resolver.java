package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerEvaluationException;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.resolver.ProjectCandidates.RawDep;
import dev.pypidb.pypa.resolver.ProjectCandidates.RawDeps;
import dev.pypidb.pypa.resolver.ProjectCandidates.Reason;
import dev.pypidb.pypa.resolver.ProjectCandidates.Unusable;
import dev.pypidb.pypa.specifiers.InvalidSpecifierException;
import dev.pypidb.pypa.specifiers.Operator;
import dev.pypidb.pypa.specifiers.Specifier;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import dev.pypidb.pypa.tags.Target;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PubGrub resolver (conflict-driven, with learned incompatibilities, as in Dart pub's
 * {@code solver.md} and the pubgrub-rs crate) over a {@link PackageIndex}, for one target at a
 * time.
 *
 * <p>What a resolution considers:
 *
 * <ul>
 *   <li>Versions: a requirement on P allows the versions its specifier contains, without P's
 *       pre-releases and yanked versions unless the requirements on P opt into them, as pip
 *       decides over all requirements on a package together: pre-releases when a specifier
 *       names one or no usable final release matches (packaging's rule), a yanked version when
 *       a requirement pins it with {@code ==V} (no wildcard) or {@code ===V} and leaves nothing
 *       else (PEP 592). Requirements of one depender on one project are merged first; those of
 *       different dependers intersect. A version is chosen preferring non-yanked ones, and final
 *       releases unless an active requirement opts into pre-releases.
 *   <li>Files: the release's and the chosen file's {@code Requires-Python} must contain the
 *       target's {@code python_full_version} (invalid ones are ignored, and noted when chosen).
 *       The file is the best-ranked compatible wheel by the target's tag priority; with
 *       {@link Policy#WHEELS_AND_SDIST} the sdist when no wheel fits. Non-yanked files come
 *       first; a version whose only fitting files are yanked counts as yanked. A version without
 *       a usable file is never chosen (the explanation says why).
 *   <li>Dependencies: the chosen file's requirements (an sdist's per-python-key list for the
 *       target's {@code pythonKey()} when present), markers evaluated in the target's marker
 *       environment; a marker that cannot be evaluated makes its requirement not apply (with a
 *       warning); invalid requirements are ignored (with a warning).
 *   <li>Extras (PEP 685 canonical) are packages of their own: {@code foo[x]} at v depends on
 *       {@code foo==v} plus the requirements that apply with {@code extra == "x"} and not without.
 * </ul>
 *
 * <p>Deterministic: among undecided packages the one with the fewest remaining candidates is
 * decided first (ties by name), at its highest preferred version. Bounded by a {@link Budget}
 * whose step budget decides; the result does not depend on how fast the index answers.
 * Instances cache parsed requirements, specifiers, marker results and per-project data (bounded
 * LRU caches) and may be shared between threads; the index must not change meanwhile.
 */
public final class Resolver {
  private static final Object INVALID = new Object();

  private final PackageIndex index;
  private final LruCache<String, Object> requirements;
  private final LruCache<String, Object> requiresPython;
  private final LruCache<String, Object> markers;
  private final LruCache<String, Optional<ProjectVersions>> projects;
  private final LruCache<String, ProjectCandidates> candidates;

  /** A resolver with parse caches of 100,000 entries and project caches of weight 1,000,000. */
  public Resolver(PackageIndex index) {
    this(index, 100_000, 1_000_000);
  }

  /**
   * @param parseCacheSize entries kept per parse cache (requirements, Requires-Python, markers)
   * @param projectCacheWeight how much project data each of the two project caches keeps (the
   *     projects, and their candidates per target and policy), counted as 1 per project plus 1
   *     per release and per file: about 1 KB of heap each
   */
  public Resolver(PackageIndex index, int parseCacheSize, long projectCacheWeight) {
    this.index = Objects.requireNonNull(index, "index");
    this.requirements = new LruCache<>(parseCacheSize);
    this.requiresPython = new LruCache<>(parseCacheSize);
    this.markers = new LruCache<>(parseCacheSize);
    this.projects = new LruCache<>(projectCacheWeight, p -> p.map(v -> v.weight).orElse(1L));
    this.candidates = new LruCache<>(projectCacheWeight, c -> c.pv.weight);
  }

  /** Resolves with {@link Policy#WHEELS_AND_SDIST} and {@link Budget#DEFAULT}. */
  public Resolution resolve(List<String> requirements, Target target) {
    return resolve(requirements, target, Policy.WHEELS_AND_SDIST, Budget.DEFAULT);
  }

  /**
   * Resolves {@code requirements} (PEP 508 strings as a user writes them) for {@code target}.
   * Never throws for bad input data: every outcome is a {@link Resolution}.
   */
  public Resolution resolve(List<String> requirements, Target target, Policy policy,
      Budget budget) {
    return new Solver(this, target, policy, budget).run(requirements);
  }

  // ---- cached look-ups, used by the solver ---------------------------------------------------

  /** The project's versions, or null when the index does not know it. */
  ProjectVersions versions(String canonicalName) {
    return projects.get(canonicalName, name -> {
      ProjectData data = index.project(name);
      return Optional.ofNullable(data == null ? null : ProjectVersions.of(data));
    }).orElse(null);
  }

  ProjectCandidates candidates(ProjectVersions pv, Target target, Policy policy) {
    return candidates.get(target.text() + '|' + policy + '|' + pv.name,
        k -> buildCandidates(pv, target, policy));
  }

  /** A parsed requirement, or the parse error message as a String. */
  Object requirement(String raw) {
    return requirements.get(raw, r -> {
      try {
        return Requirement.parse(r);
      } catch (InvalidRequirementException e) {
        return String.valueOf(e.getMessage());
      }
    });
  }

  /** The parsed Requires-Python, or null when it does not parse. */
  SpecifierSet requiresPython(String raw) {
    Object v = requiresPython.get(raw, r -> {
      try {
        return SpecifierSet.parse(r);
      } catch (InvalidSpecifierException e) {
        return INVALID;
      }
    });
    return v == INVALID ? null : (SpecifierSet) v;
  }

  /** Whether {@code marker} holds on {@code target} with {@code extra} ("" for none). */
  boolean markerHolds(Marker marker, Target target, String extra) {
    Object v = markers.get(target.text() + '\u0000' + extra + '\u0000' + marker, k -> {
      Map<String, String> env = new HashMap<>(target.markerEnvironment());
      env.put("extra", extra);
      try {
        return marker.evaluate(env);
      } catch (MarkerEvaluationException e) {
        return String.valueOf(e.getMessage());
      }
    });
    if (v instanceof String message) {
      throw new MarkerEvaluationException(message);
    }
    return (Boolean) v;
  }

  /** pip's {@code is_pinned}: some specifier is {@code ==V} without wildcard, or {@code ===}. */
  static boolean isPinned(SpecifierSet spec) {
    for (Specifier s : spec.specifiers()) {
      if (s.operator() == Operator.ARBITRARY
          || (s.operator() == Operator.EQUAL && !s.isWildcard())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The dependencies {@code requirements} give with {@code extra}: for the base package ("")
   * those whose marker holds without extra; for an extra those whose marker holds with it but
   * not without. Requirements with extras become dependencies on those extras' packages.
   */
  RawDeps readRequirements(List<String> requirementList, Target target, String extra,
      String who) {
    Map<String, SpecifierSet> merged = new LinkedHashMap<>();
    Map<String, String[]> names = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (String raw : requirementList) {
      Object parsed = requirement(raw);
      if (parsed instanceof String error) {
        warnings.add(who + ": ignored invalid requirement '" + raw + "': " + error);
        continue;
      }
      Requirement r = (Requirement) parsed;
      boolean applies;
      if (r.marker() == null) {
        applies = extra.isEmpty();
      } else {
        try {
          applies = markerHolds(r.marker(), target, extra);
        } catch (MarkerEvaluationException e) {
          warnings.add(who + ": ignored requirement '" + raw + "': its marker cannot be evaluated ("
              + e.getMessage() + ")");
          continue;
        }
        if (applies && !extra.isEmpty()) {
          try {
            applies = !markerHolds(r.marker(), target, "");
          } catch (MarkerEvaluationException e) {
            // does not apply without the extra: it belongs to the extra
          }
        }
      }
      if (!applies) {
        continue;
      }
      if (r.url() != null) {
        warnings.add(who + ": the direct URL of '" + raw + "' is ignored; "
            + r.canonicalName() + " is resolved from the index");
      }
      String project = r.canonicalName();
      List<String> extras = new ArrayList<>();
      for (String e : r.extras()) {
        String canonical = ProjectNames.canonicalize(e);
        if (!extras.contains(canonical)) {
          extras.add(canonical);
        }
      }
      if (extras.isEmpty()) {
        extras.add("");
      }
      for (String e : extras) {
        String key = RawDep.key(project, e);
        merged.merge(key, r.specifier(), SpecifierSet::and);
        names.putIfAbsent(key, new String[] {project, e});
      }
    }
    Map<String, RawDep> deps = new LinkedHashMap<>();
    merged.forEach((key, spec) -> {
      String[] n = names.get(key);
      deps.put(key, new RawDep(n[0], n[1], spec, spec.toString(), isPinned(spec)));
    });
    return new RawDeps(deps, warnings);
  }

  /** The dependencies of a version; reading them (on a cache miss) is off the solver's clock. */
  RawDeps rawDeps(ProjectCandidates pc, int index, String extra, Target target,
      SolverClock clock) {
    return pc.rawDeps(index, extra, () -> clock.excluding(() -> {
      Distribution d = pc.chosen[index];
      List<String> reqs = d.kind() == Distribution.Kind.SDIST
          ? d.requirementsFor(target.pythonKey()) : d.requirements();
      String who = pc.name() + " " + pc.pv.releases.get(index).version() + " (" + d.filename() + ")";
      return readRequirements(reqs, target, extra, who);
    }));
  }

  // ---- distribution choice ----------------------------------------------------------------

  private ProjectCandidates buildCandidates(ProjectVersions pv, Target target, Policy policy) {
    int n = pv.size();
    String full = target.markerEnvironment().get("python_full_version");
    Distribution[] chosen = new Distribution[n];
    Unusable[] unusable = new Unusable[n];
    String[] notes = new String[n];
    VersionSet.Builder yanked = VersionSet.builder(n);
    for (int i = 0; i < n; i++) {
      ReleaseData r = pv.releases.get(i);
      List<String> note = new ArrayList<>();
      if (r.requiresPython() != null) {
        SpecifierSet spec = requiresPython(r.requiresPython());
        if (spec == null) {
          note.add(pv.name + " " + r.version() + ": ignored invalid Requires-Python '"
              + r.requiresPython() + "'");
        } else if (!spec.contains(full, true)) {
          unusable[i] = new Unusable(Reason.REQUIRES_PYTHON, spec.toString());
          continue;
        }
      }
      Distribution best = null;
      long[] bestKey = null;
      String pythonExcluded = null;
      boolean anySdist = false;
      String buildFailure = null;
      for (Distribution d : r.distributions()) {
        long rank;
        long build = 0;
        if (d.kind() == Distribution.Kind.WHEEL) {
          rank = target.bestRank(d.tags());
          if (rank < 0) {
            continue;
          }
          WheelFilename wf = WheelFilename.tryParse(d.filename());
          BigInteger b = wf == null ? null : wf.buildNumber();
          build = b == null ? 0 : -b.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        } else {
          anySdist = true;
          if (policy == Policy.WHEELS_ONLY) {
            continue;
          }
          if (d.failureFor(target.pythonKey()) != null) {
            buildFailure = d.failureFor(target.pythonKey());
            continue;
          }
          rank = Integer.MAX_VALUE;
        }
        if (d.requiresPython() != null) {
          SpecifierSet spec = requiresPython(d.requiresPython());
          if (spec != null && !spec.contains(full, true)) {
            if (pythonExcluded == null) {
              pythonExcluded = spec.toString();
            }
            continue;
          }
        }
        long[] key = {d.yanked() ? 1 : 0, rank, build};
        if (best == null || compare(key, bestKey) < 0
            || (compare(key, bestKey) == 0 && d.filename().compareTo(best.filename()) < 0)) {
          best = d;
          bestKey = key;
        }
      }
      if (best == null) {
        if (pythonExcluded != null) {
          unusable[i] = new Unusable(Reason.REQUIRES_PYTHON, pythonExcluded);
        } else if (r.distributions().isEmpty()) {
          unusable[i] = new Unusable(Reason.NO_DISTRIBUTION, "has no files");
        } else if (buildFailure != null) {
          unusable[i] = new Unusable(Reason.NO_DISTRIBUTION, "has no wheel for " + target.text()
              + " and its sdist does not build for Python " + target.pythonMajor() + "."
              + target.pythonMinor() + " (" + shorten(buildFailure) + ")");
        } else if (anySdist && policy == Policy.WHEELS_ONLY) {
          unusable[i] = new Unusable(Reason.NO_DISTRIBUTION,
              "has no wheel for " + target.text() + " (and sdists are not allowed)");
        } else {
          unusable[i] = new Unusable(Reason.NO_DISTRIBUTION,
              "has no wheel for " + target.text() + " and no sdist");
        }
        continue;
      }
      chosen[i] = best;
      if (r.yanked() || best.yanked()) {
        yanked.add(i);
      }
      if (best.requiresPython() != null && requiresPython(best.requiresPython()) == null) {
        note.add(pv.name + " " + r.version() + ": ignored invalid Requires-Python '"
            + best.requiresPython() + "' of " + best.filename());
      }
      notes[i] = note.isEmpty() ? null : String.join("; ", note);
    }
    return new ProjectCandidates(pv, chosen, unusable, yanked.build(), notes);
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static String shorten(String error) {
    String first = error.strip().lines().findFirst().orElse("");
    return first.length() > 120 ? first.substring(0, 117) + "..." : first;
  }
}
