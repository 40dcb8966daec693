package dev.pypidb.fetch;

import java.util.List;

/**
 * A project page of a simple repository.
 *
 * @param name the name the page gives (PEP 691 {@code name}; for HTML the requested name)
 * @param lastSerial PyPI's {@code _last-serial} (page meta, or the HTML page's SERIAL comment);
 *     null when the index gives none
 * @param versions PEP 700 {@code versions}; null when the page has none (HTML, API 1.0)
 * @param apiVersion the repository API version the page declares, or null
 */
public record ProjectPage(String name, Long lastSerial, List<String> versions, List<DistFile> files,
    String apiVersion) {

  public ProjectPage {
    versions = versions == null ? null : List.copyOf(versions);
    files = List.copyOf(files);
  }
}
