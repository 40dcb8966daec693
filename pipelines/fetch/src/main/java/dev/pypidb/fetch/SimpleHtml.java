package dev.pypidb.fetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 503 HTML pages, the fallback when an index does not speak PEP 691 JSON: anchors with
 * their {@code data-requires-python}, {@code data-yanked}, {@code data-core-metadata} (PEP 714)
 * or {@code data-dist-info-metadata} (PEP 658) attributes and the hash in the URL fragment;
 * PyPI's {@code <!--SERIAL n-->} comment and {@code pypi:repository-version} meta tag. A
 * tolerant tokenizer: quoted and unquoted attributes, any case, character references.
 */
public final class SimpleHtml {
  /** The media type of PEP 691's HTML form. */
  public static final String MEDIA_TYPE = "application/vnd.pypi.simple.v1+html";
  private static final Pattern SERIAL = Pattern.compile("\\s*SERIAL\\s+(\\d{1,18})\\s*");
  private static final Pattern NUMERIC_REF = Pattern.compile("&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));?");

  /** An {@code <a>} element: its attributes (names lower case, values decoded) and its text. */
  record Anchor(Map<String, String> attributes, String text) {}

  /** What a page holds for a client: its anchors, serial and API version. */
  record Document(List<Anchor> anchors, Long serial, String apiVersion) {}

  private SimpleHtml() {}

  /** A project page; the name is the requested one, since PEP 503 pages carry none. */
  public static ProjectPage parsePage(String html, URI base, String project) {
    Document d = parse(html);
    List<DistFile> files = new ArrayList<>();
    for (Anchor a : d.anchors()) {
      String href = a.attributes().get("href");
      if (href == null) {
        continue;
      }
      URI url = SimpleJson.resolve(base, href);
      Map<String, String> hashes = new LinkedHashMap<>();
      int hash = href.indexOf('#');
      if (hash >= 0) {
        String[] kv = href.substring(hash + 1).split("=", 2);
        if (kv.length == 2 && !kv[0].isEmpty()) {
          hashes.put(kv[0].toLowerCase(Locale.ROOT), kv[1].strip().toLowerCase(Locale.ROOT));
        }
      }
      String filename = a.text().isEmpty() && url != null ? lastSegment(url) : a.text();
      if (filename == null || filename.isEmpty()) {
        continue;
      }
      String yank = a.attributes().get("data-yanked");
      String meta = a.attributes().containsKey("data-core-metadata") ? a.attributes().get("data-core-metadata")
          : a.attributes().get("data-dist-info-metadata");
      boolean hasMeta = meta != null && !meta.strip().equalsIgnoreCase("false");
      String metaSha = null;
      if (hasMeta) {
        String[] kv = meta.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equalsIgnoreCase("sha256")) {
          metaSha = kv[1].strip().toLowerCase(Locale.ROOT);
        }
      }
      String requires = a.attributes().get("data-requires-python");
      files.add(new DistFile(filename, url, hashes, requires == null || requires.isEmpty() ? null : requires,
          yank == null ? Boolean.FALSE : Boolean.TRUE, yank == null || yank.isEmpty() ? null : yank,
          hasMeta, metaSha, null, null));
    }
    return new ProjectPage(project, d.serial(), null, files, d.apiVersion());
  }

  /** The root listing: every anchor's text is a project name; HTML carries no serials. */
  public static RootListing parseRoot(String html) {
    Document d = parse(html);
    List<RootListing.Entry> out = new ArrayList<>();
    for (Anchor a : d.anchors()) {
      String name = a.text().strip();
      if (!name.isEmpty()) {
        out.add(new RootListing.Entry(name, null));
      }
    }
    return new RootListing(out, d.serial());
  }

  static Document parse(String html) {
    List<Anchor> anchors = new ArrayList<>();
    Long serial = null;
    String api = null;
    int i = 0;
    int n = html.length();
    while (i < n) {
      int lt = html.indexOf('<', i);
      if (lt < 0) {
        break;
      }
      if (html.startsWith("<!--", lt)) {
        int end = html.indexOf("-->", lt + 4);
        String comment = html.substring(lt + 4, end < 0 ? n : end);
        Matcher m = SERIAL.matcher(comment);
        if (m.matches()) {
          serial = Long.parseLong(m.group(1));
        }
        i = end < 0 ? n : end + 3;
        continue;
      }
      Tag tag = tag(html, lt);
      if (tag == null) {
        i = lt + 1;
        continue;
      }
      i = tag.end();
      if (tag.name().equals("a") && !tag.closing()) {
        int close = indexOfIgnoreCase(html, "</a", i);
        String inner = html.substring(i, close < 0 ? n : close);
        anchors.add(new Anchor(tag.attributes(), decode(inner.replaceAll("<[^>]*>", "")).strip()));
        i = close < 0 ? n : close;
      } else if (tag.name().equals("meta") && "pypi:repository-version".equals(tag.attributes().get("name"))) {
        api = tag.attributes().get("content");
      } else if ((tag.name().equals("script") || tag.name().equals("style")) && !tag.closing()) {
        int close = indexOfIgnoreCase(html, "</" + tag.name(), i);
        i = close < 0 ? n : close;
      }
    }
    return new Document(anchors, serial, api);
  }

  private record Tag(String name, boolean closing, Map<String, String> attributes, int end) {}

  /** The tag starting at {@code lt}, or null when {@code <} does not start one. */
  private static Tag tag(String s, int lt) {
    int n = s.length();
    int i = lt + 1;
    boolean closing = i < n && s.charAt(i) == '/';
    if (closing) {
      i++;
    }
    int start = i;
    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
      i++;
    }
    if (i == start || !Character.isLetter(s.charAt(start))) {
      return null;
    }
    String name = s.substring(start, i).toLowerCase(Locale.ROOT);
    Map<String, String> attrs = new LinkedHashMap<>();
    while (i < n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      char c = s.charAt(i);
      if (c == '>') {
        return new Tag(name, closing, attrs, i + 1);
      }
      if (c == '/') {
        i++;
        continue;
      }
      int a = i;
      while (i < n && !Character.isWhitespace(s.charAt(i)) && "=>/".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String attr = s.substring(a, i).toLowerCase(Locale.ROOT);
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      String value = "";
      if (i < n && s.charAt(i) == '=') {
        i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
          char q = s.charAt(i);
          int end = s.indexOf(q, i + 1);
          value = s.substring(i + 1, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
        } else {
          int v = i;
          while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>') {
            i++;
          }
          value = s.substring(v, i);
        }
      }
      if (!attr.isEmpty()) {
        attrs.putIfAbsent(attr, decode(value));
      }
    }
    return new Tag(name, closing, attrs, n);
  }

  /** HTML character references: the five XML ones and numeric ones; others are left as they are. */
  static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    String named = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'");
    Matcher m = NUMERIC_REF.matcher(named);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
      String r = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    m.appendTail(out);
    return out.toString().replace("&amp;", "&");
  }

  private static int indexOfIgnoreCase(String s, String what, int from) {
    int n = s.length() - what.length();
    for (int i = Math.max(0, from); i <= n; i++) {
      if (s.regionMatches(true, i, what, 0, what.length())) {
        return i;
      }
    }
    return -1;
  }

  private static String lastSegment(URI url) {
    String path = url.getPath();
    if (path == null) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return path.substring(slash + 1);
  }
}
