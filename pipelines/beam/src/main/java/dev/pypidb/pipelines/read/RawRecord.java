package dev.pypidb.pipelines.read;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record read from an input, before normalization: an uploaded file, release-level
 * metadata, a PEP 658 metadata file, or a pypi-deps-db sdist build. Fields a format does not
 * carry are null. Built through {@link Builder}; immutable once built.
 */
public final class RawRecord {

  /** What the record describes. */
  public enum Kind {
    /** One uploaded file. */
    FILE,
    /** Release-level metadata (PyPI JSON {@code info}) or a release with no files. */
    RELEASE,
    /** Core metadata of one file (a PEP 658 {@code .metadata} file). */
    FILE_METADATA,
    /** pypi-deps-db sdist results for some python keys of one version. */
    SDIST_BUILD
  }

  final Kind kind;
  final InputFormat format;
  final String input;
  final long position;
  final String project;
  final String version;
  final String filename;
  final String packagetype;
  final String pythonVersion;
  final Long size;
  final String sha256;
  final Long uploadTimeMicros;
  final String requiresPython;
  final Boolean yanked;
  final String yankedReason;
  final List<String> requiresDist;
  final List<String> providesExtra;
  /** Core metadata's Metadata-Version, when the input says (PEP 643 trust needs 2.2+). */
  final String metadataVersion;
  /** Core metadata's Dynamic fields (PEP 643), when the input says. */
  final List<String> dynamic;
  /**
   * Python key to canonical JSON of an sdist's result: a pypi-deps-db build ({"error": ...} for
   * failed builds), or the static extraction of an archive ({@link SdistBuild#toJson}).
   */
  final Map<String, String> sdistBuilds;
  /** Digest of the record's content (not of where it was found). */
  final String digest;

  private RawRecord(Builder b) {
    this.kind = Objects.requireNonNull(b.kind);
    this.format = Objects.requireNonNull(b.format);
    this.input = Objects.requireNonNull(b.input);
    this.position = b.position;
    this.project = Objects.requireNonNull(b.project);
    this.version = b.version;
    this.filename = b.filename;
    this.packagetype = b.packagetype;
    this.pythonVersion = b.pythonVersion;
    this.size = b.size;
    this.sha256 = b.sha256;
    this.uploadTimeMicros = b.uploadTimeMicros;
    this.requiresPython = b.requiresPython;
    this.yanked = b.yanked;
    this.yankedReason = b.yankedReason;
    this.requiresDist = b.requiresDist == null ? null : List.copyOf(b.requiresDist);
    this.providesExtra = b.providesExtra == null ? null : List.copyOf(b.providesExtra);
    this.metadataVersion = b.metadataVersion;
    this.dynamic = b.dynamic == null ? null : List.copyOf(b.dynamic);
    this.sdistBuilds = b.sdistBuilds == null ? null : Map.copyOf(b.sdistBuilds);
    this.digest = b.digest != null ? b.digest : RecordDigest.of(this);
  }

  public Kind kind() {
    return kind;
  }

  public InputFormat format() {
    return format;
  }

  public String input() {
    return input;
  }

  public long position() {
    return position;
  }

  /** The project name as the input spells it. */
  public String project() {
    return project;
  }

  public String version() {
    return version;
  }

  public String filename() {
    return filename;
  }

  public String packagetype() {
    return packagetype;
  }

  public String pythonVersion() {
    return pythonVersion;
  }

  public Long size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  public Long uploadTimeMicros() {
    return uploadTimeMicros;
  }

  public String requiresPython() {
    return requiresPython;
  }

  public Boolean yanked() {
    return yanked;
  }

  public String yankedReason() {
    return yankedReason;
  }

  /** Requires-Dist strings in order, or null when the input does not say. */
  public List<String> requiresDist() {
    return requiresDist;
  }

  public List<String> providesExtra() {
    return providesExtra;
  }

  public String metadataVersion() {
    return metadataVersion;
  }

  public List<String> dynamic() {
    return dynamic;
  }

  public Map<String, String> sdistBuilds() {
    return sdistBuilds;
  }

  /**
   * PEP 643: whether this record's core metadata can be trusted for {@code field} of an sdist:
   * Metadata-Version 2.2 or later and the field not Dynamic.
   */
  public boolean staticMetadata(String field) {
    if (metadataVersion == null || !metadataVersion.strip().matches("[0-9]{1,3}\\.[0-9]{1,3}")) {
      return false;
    }
    String[] v = metadataVersion.strip().split("\\.");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    if (major < 2 || (major == 2 && minor < 2)) {
      return false;
    }
    if (dynamic != null) {
      for (String d : dynamic) {
        if (d.strip().equalsIgnoreCase(field)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The record's content as JSON (at most 4 KiB), for dead letters raised after reading, when
   * the input text itself is no longer at hand.
   */
  public String describe() {
    com.fasterxml.jackson.databind.node.ObjectNode o =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("kind", kind.name()).put("format", format.label()).put("name", project);
    o.put("version", version).put("filename", filename).put("packagetype", packagetype);
    o.put("python_version", pythonVersion).put("size", size).put("sha256", sha256);
    o.put("upload_time_micros", uploadTimeMicros).put("requires_python", requiresPython);
    o.put("yanked", yanked).put("yanked_reason", yankedReason);
    if (requiresDist != null) {
      requiresDist.forEach(o.putArray("requires_dist")::add);
    }
    if (providesExtra != null) {
      providesExtra.forEach(o.putArray("provides_extra")::add);
    }
    if (metadataVersion != null) {
      o.put("metadata_version", metadataVersion);
    }
    if (dynamic != null) {
      dynamic.forEach(o.putArray("dynamic")::add);
    }
    if (sdistBuilds != null) {
      new java.util.TreeMap<>(sdistBuilds).forEach(o.putObject("sdist_builds")::put);
    }
    return RawText.first4k(o.toString());
  }

  public String digest() {
    return digest;
  }

  public static Builder builder(Kind kind, InputFormat format, String input, long position) {
    return new Builder(kind, format, input, position);
  }

  /** Builds a {@link RawRecord}. */
  public static final class Builder {
    private final Kind kind;
    private final InputFormat format;
    private final String input;
    private final long position;
    private String project;
    private String version;
    private String filename;
    private String packagetype;
    private String pythonVersion;
    private Long size;
    private String sha256;
    private Long uploadTimeMicros;
    private String requiresPython;
    private Boolean yanked;
    private String yankedReason;
    private List<String> requiresDist;
    private List<String> providesExtra;
    private String metadataVersion;
    private List<String> dynamic;
    private Map<String, String> sdistBuilds;
    private String digest;

    private Builder(Kind kind, InputFormat format, String input, long position) {
      this.kind = kind;
      this.format = format;
      this.input = input;
      this.position = position;
    }

    public Builder project(String v) {
      project = v;
      return this;
    }

    public Builder version(String v) {
      version = v;
      return this;
    }

    public Builder filename(String v) {
      filename = v;
      return this;
    }

    public Builder packagetype(String v) {
      packagetype = v;
      return this;
    }

    public Builder pythonVersion(String v) {
      pythonVersion = v;
      return this;
    }

    public Builder size(Long v) {
      size = v;
      return this;
    }

    public Builder sha256(String v) {
      sha256 = v;
      return this;
    }

    public Builder uploadTimeMicros(Long v) {
      uploadTimeMicros = v;
      return this;
    }

    public Builder requiresPython(String v) {
      requiresPython = v;
      return this;
    }

    public Builder yanked(Boolean v) {
      yanked = v;
      return this;
    }

    public Builder yankedReason(String v) {
      yankedReason = v;
      return this;
    }

    public Builder requiresDist(List<String> v) {
      requiresDist = v;
      return this;
    }

    public Builder providesExtra(List<String> v) {
      providesExtra = v;
      return this;
    }

    public Builder metadataVersion(String v) {
      metadataVersion = v;
      return this;
    }

    public Builder dynamic(List<String> v) {
      dynamic = v;
      return this;
    }

    public Builder sdistBuilds(Map<String, String> v) {
      sdistBuilds = v;
      return this;
    }

    Builder digest(String v) {
      digest = v;
      return this;
    }

    public RawRecord build() {
      return new RawRecord(this);
    }
  }
}
