package dev.pypidb.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleHtmlTest {
  private static final URI BASE = URI.create("https://example.org/simple/foo/");

  @Test
  void readsEveryPep503AndPep658Attribute() {
    String html = """
        <!DOCTYPE html><html><head><meta name="pypi:repository-version" content="1.1">
        <title>Links for foo</title></head><body><h1>Links for foo</h1>
        <a href="../../packages/ab/foo-1.0.tar.gz#sha256=ABCDEF" data-requires-python="&gt;=3.7,&lt;4">foo-1.0.tar.gz</a><br/>
        <A HREF='https://files.example.org/foo-1.0-py3-none-any.whl#sha256=0123'
           data-dist-info-metadata="sha256=feed" data-yanked="">foo-1.0-py3-none-any.whl</A>
        <a href=foo-2.0-py3-none-any.whl#md5=99 data-core-metadata="true" data-dist-info-metadata="sha256=old"
           data-yanked="bad &amp; broken &#x263A;">foo-2.0-py3-none-any.whl</a>
        <a href="foo-3.0.zip" data-core-metadata="false">  foo-3.0.zip  </a>
        </body></html>
        <!--SERIAL 12345-->
        """;
    ProjectPage page = SimpleHtml.parsePage(html, BASE, "foo");
    assertEquals("foo", page.name());
    assertEquals(12345L, page.lastSerial());
    assertEquals("1.1", page.apiVersion());
    assertNull(page.versions());
    List<DistFile> f = page.files();
    assertEquals(4, f.size());

    assertEquals("foo-1.0.tar.gz", f.get(0).filename());
    assertEquals(URI.create("https://example.org/packages/ab/foo-1.0.tar.gz"), f.get(0).url());
    assertEquals("abcdef", f.get(0).sha256());
    assertEquals(">=3.7,<4", f.get(0).requiresPython());
    assertEquals(Boolean.FALSE, f.get(0).yanked());
    assertFalse(f.get(0).metadata());

    assertEquals(URI.create("https://files.example.org/foo-1.0-py3-none-any.whl"), f.get(1).url());
    assertTrue(f.get(1).metadata());
    assertEquals("feed", f.get(1).metadataSha256());
    assertEquals(Boolean.TRUE, f.get(1).yanked());
    assertNull(f.get(1).yankedReason());

    // PEP 714: data-core-metadata wins over data-dist-info-metadata.
    assertTrue(f.get(2).metadata());
    assertNull(f.get(2).metadataSha256());
    assertEquals("99", f.get(2).hashes().get("md5"));
    assertNull(f.get(2).sha256());
    assertEquals("bad & broken \u263A", f.get(2).yankedReason());

    assertEquals("foo-3.0.zip", f.get(3).filename());
    assertFalse(f.get(3).metadata());
  }

  @Test
  void rootListsAnchorTextsAndIgnoresComments() {
    String html = "<html><body><!-- <a href=\"x/\">hidden</a> --><a href=\"a/\">A_b</a>\n<a href='c/'>c.d</a><a>ignored"
        + "</a><script>var s = '<a href=\"z/\">z</a>';</script></body></html>";
    RootListing root = SimpleHtml.parseRoot(html);
    assertEquals(List.of("A_b", "c.d", "ignored"), root.projects().stream().map(RootListing.Entry::name).toList());
    assertNull(root.projects().get(0).serial());
  }

  @Test
  void malformedMarkupNeverThrows() {
    for (String s : new String[] {"<", "<a", "<a href=\"x", "<a href=x>", "<!--", "<a href=x data-yanked>y", "&#99999999;",
        "<a href=\"x\">&#0;&#x110000;</a>", "<<a>>"}) {
      SimpleHtml.parsePage(s, BASE, "foo");
      SimpleHtml.parseRoot(s);
    }
    assertEquals("\uFFFD", SimpleHtml.decode("&#0;"));
    assertEquals("&lt;", SimpleHtml.decode("&amp;lt;"));
  }
}
