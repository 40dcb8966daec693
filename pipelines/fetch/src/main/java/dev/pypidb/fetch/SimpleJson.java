package dev.pypidb.fetch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PEP 691 JSON pages: project pages and the root listing, read as a stream (a page's size does
 * not decide the memory used beyond its file entries), and written for pages that came as HTML.
 */
public final class SimpleJson {
  /** The media type of PEP 691 JSON. */
  public static final String MEDIA_TYPE = "application/vnd.pypi.simple.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private SimpleJson() {}

  /** A project page; relative file URLs are resolved against {@code base}. */
  public static ProjectPage parsePage(InputStream in, URI base) throws IndexFormatException, IOException {
    String name = null;
    Long serial = null;
    String api = null;
    List<String> versions = null;
    List<DistFile> files = null;
    try (JsonParser p = FACTORY.createParser(in)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "a project page must be a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "name" -> name = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "meta" -> {
            JsonNode meta = p.readValueAsTree();
            serial = serial(meta == null ? null : meta.get("_last-serial"));
            api = meta == null || !meta.path("api-version").isTextual() ? null : meta.get("api-version").asText();
          }
          case "versions" -> {
            expect(value == JsonToken.START_ARRAY, "'versions' must be an array");
            versions = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              expect(p.currentToken() == JsonToken.VALUE_STRING, "'versions' must hold strings");
              versions.add(p.getText());
            }
          }
          case "files" -> {
            expect(value == JsonToken.START_ARRAY, "'files' must be an array");
            files = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              JsonNode entry = p.readValueAsTree();
              DistFile f = file(entry, base);
              if (f != null) {
                files.add(f);
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IndexFormatException("not valid JSON: " + e.getOriginalMessage());
    }
    expect(name != null && !name.isEmpty(), "the page has no 'name'");
    expect(files != null, "the page has no 'files' array");
    return new ProjectPage(name, serial, versions, files, api);
  }

  /** The root listing: {@code projects} with their names and {@code _last-serial}. */
  public static RootListing parseRoot(InputStream in) throws IndexFormatException, IOException {
    List<RootListing.Entry> projects = null;
    Long serial = null;
    try (JsonParser p = FACTORY.createParser(in)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the root page must be a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("meta")) {
          JsonNode meta = p.readValueAsTree();
          serial = serial(meta == null ? null : meta.get("_last-serial"));
        } else if (field.equals("projects")) {
          expect(value == JsonToken.START_ARRAY, "'projects' must be an array");
          projects = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode entry = p.readValueAsTree();
            if (entry != null && entry.path("name").isTextual()) {
              projects.add(new RootListing.Entry(entry.get("name").asText(), serial(entry.get("_last-serial"))));
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IndexFormatException("root page is not valid JSON: " + e.getOriginalMessage());
    }
    expect(projects != null, "the root page has no 'projects' array");
    return new RootListing(projects, serial);
  }

  /** One file entry; null when it has no filename (nothing can be stored for it). */
  static DistFile file(JsonNode e, URI base) {
    if (e == null || !e.isObject() || !e.path("filename").isTextual()) {
      return null;
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    JsonNode h = e.path("hashes");
    for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> kv = it.next();
      if (kv.getValue().isTextual()) {
        hashes.put(kv.getKey().toLowerCase(Locale.ROOT), kv.getValue().asText().toLowerCase(Locale.ROOT));
      }
    }
    // PEP 714: core-metadata first; data-dist-info-metadata is the older spelling.
    JsonNode meta = e.has("core-metadata") ? e.get("core-metadata") : e.get("data-dist-info-metadata");
    boolean hasMeta = meta != null && (meta.isObject() || meta.asBoolean(false));
    String metaSha = meta != null && meta.path("sha256").isTextual() ? meta.get("sha256").asText().toLowerCase(Locale.ROOT) : null;
    JsonNode yanked = e.get("yanked");
    Boolean isYanked = yanked == null || yanked.isNull() ? null : yanked.isTextual() || yanked.asBoolean();
    String reason = yanked != null && yanked.isTextual() && !yanked.asText().isEmpty() ? yanked.asText() : null;
    URI url = e.path("url").isTextual() ? resolve(base, e.get("url").asText()) : null;
    Long size = e.path("size").canConvertToLong() && e.path("size").isIntegralNumber() ? e.get("size").asLong() : null;
    return new DistFile(e.get("filename").asText(), url, hashes,
        e.path("requires-python").isTextual() ? e.get("requires-python").asText() : null,
        isYanked, reason, hasMeta, metaSha, size,
        e.path("upload-time").isTextual() ? e.get("upload-time").asText() : null);
  }

  /** An href against its page, its fragment dropped; null when it is not a URI. */
  static URI resolve(URI base, String href) {
    String h = href.strip();
    int hash = h.indexOf('#');
    if (hash >= 0) {
      h = h.substring(0, hash);
    }
    try {
      return base.resolve(new URI(h));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Long serial(JsonNode n) {
    return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : null;
  }

  private static void expect(boolean condition, String message) throws IndexFormatException {
    if (!condition) {
      throw new IndexFormatException(message);
    }
  }

  /**
   * A PEP 691 page (API 1.1 keys) for a page that came as HTML, so that the stored tree is
   * always what {@code normalize} reads as {@code simple-json}.
   */
  public static byte[] write(ProjectPage page) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode meta = root.putObject("meta");
    meta.put("api-version", page.apiVersion() == null ? "1.0" : page.apiVersion());
    if (page.lastSerial() != null) {
      meta.put("_last-serial", page.lastSerial());
    }
    root.put("name", page.name());
    if (page.versions() != null) {
      ArrayNode v = root.putArray("versions");
      page.versions().forEach(v::add);
    }
    ArrayNode files = root.putArray("files");
    for (DistFile f : page.files()) {
      ObjectNode e = files.addObject();
      e.put("filename", f.filename());
      e.put("url", f.url() == null ? "" : f.url().toString());
      ObjectNode h = e.putObject("hashes");
      f.hashes().forEach(h::put);
      if (f.requiresPython() != null) {
        e.put("requires-python", f.requiresPython());
      }
      if (f.yankedReason() != null) {
        e.put("yanked", f.yankedReason());
      } else {
        e.put("yanked", Boolean.TRUE.equals(f.yanked()));
      }
      if (f.metadata()) {
        if (f.metadataSha256() != null) {
          e.putObject("core-metadata").put("sha256", f.metadataSha256());
        } else {
          e.put("core-metadata", true);
        }
      } else {
        e.put("core-metadata", false);
      }
      if (f.size() != null) {
        e.put("size", f.size());
      }
      if (f.uploadTime() != null) {
        e.put("upload-time", f.uploadTime());
      }
    }
    return bytes(root);
  }

  /**
   * The page with {@code core-metadata} set for files whose METADATA fetch read from the wheel
   * itself (a wheel the index serves no metadata file for), so that {@code normalize} reads the
   * {@code .metadata} file written beside the page. Each such entry is marked
   * {@code "pypidb-metadata": "wheel"}. Other bytes of meaning are unchanged.
   */
  public static byte[] withWheelMetadata(InputStream page, Map<String, String> metadataSha256ByFile) throws IOException {
    JsonNode root = JSON.readTree(page);
    for (JsonNode e : root.path("files")) {
      String sha = e.path("filename").isTextual() ? metadataSha256ByFile.get(e.get("filename").asText()) : null;
      if (sha != null && e.isObject()) {
        ((ObjectNode) e).putObject("core-metadata").put("sha256", sha);
        ((ObjectNode) e).put("pypidb-metadata", "wheel");
      }
    }
    return bytes(root);
  }

  private static byte[] bytes(JsonNode root) {
    try {
      return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
