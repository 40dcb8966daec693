package dev.pypidb.pypa.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreMetadataTest {

  @Test
  void unfoldsHeadersAndKeepsTheBody() {
    CoreMetadata m = CoreMetadata.parse("Metadata-Version: 1.1\nName: x\nVersion: 1\nSummary: a\n  b\nClassifier: A\nClassifier: B\n\nbody\ntext");
    assertEquals("a b", m.first("summary"));
    assertEquals(List.of("A", "B"), m.all("Classifier"));
    assertEquals("body\ntext", m.description());
  }

  @Test
  void pep643StaticFields() {
    CoreMetadata m22 = CoreMetadata.parse("Metadata-Version: 2.2\nName: x\nVersion: 1\nDynamic: requires-dist\nRequires-Dist: a\n");
    assertArrayEquals(new int[] {2, 2}, m22.metadataVersion());
    assertTrue(m22.isDynamic("Requires-Dist"));
    assertFalse(m22.isStatic("Requires-Dist"));
    assertTrue(m22.isStatic("Requires-Python"));
    CoreMetadata m21 = CoreMetadata.parse("Metadata-Version: 2.1\nName: x\nVersion: 1\nRequires-Dist: a\n");
    assertFalse(m21.isStatic("Requires-Dist"), "before 2.2 nothing is promised");
    CoreMetadata m210 = CoreMetadata.parse("Metadata-Version: 2.10\nName: x\nVersion: 1\n");
    assertTrue(m210.metadataVersionAtLeast(2, 2));
    CoreMetadata odd = CoreMetadata.parse("Metadata-Version: two\nName: x\nVersion: 1\n");
    assertNull(odd.metadataVersion());
    assertFalse(odd.isStatic("Requires-Dist"));
  }

  @Test
  void errorsSayWhatIsWrong() {
    InvalidMetadataException missing = assertThrows(InvalidMetadataException.class,
        () -> CoreMetadata.parse("Metadata-Version: 2.1\nName: x\n"));
    assertTrue(missing.missingField());
    InvalidMetadataException bad = assertThrows(InvalidMetadataException.class,
        () -> CoreMetadata.parse("Metadata-Version: 2.1\nthis is not a header\n"));
    assertFalse(bad.missingField());
    assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
  }
}
