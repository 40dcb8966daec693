package dev.pypidb.extract.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Builds archives in memory for the tests: tar, zip, and the stream compressors. */
final class TestArchives {
  private TestArchives() {}

  /** One member to write: a file, a directory, a link or a special file. */
  record Entry(String name, byte type, byte[] data, String link, boolean absolute) {
    static Entry file(String name, String text) {
      return new Entry(name, TarConstants.LF_NORMAL, text.getBytes(StandardCharsets.UTF_8), null, false);
    }

    static Entry file(String name, byte[] data) {
      return new Entry(name, TarConstants.LF_NORMAL, data, null, false);
    }

    static Entry dir(String name) {
      return new Entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, new byte[0], null, false);
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, TarConstants.LF_SYMLINK, new byte[0], target, false);
    }

    static Entry hardlink(String name, String target) {
      return new Entry(name, TarConstants.LF_LINK, new byte[0], target, false);
    }

    static Entry special(String name, byte type) {
      return new Entry(name, type, new byte[0], null, false);
    }

    static Entry absolute(String name, String text) {
      return new Entry(name, TarConstants.LF_NORMAL, text.getBytes(StandardCharsets.UTF_8), null, true);
    }
  }

  /** A tar (PAX for long and non-ASCII names) of {@code entries}, names encoded as UTF-8. */
  static byte[] tar(Entry... entries) {
    return tar(StandardCharsets.UTF_8.name(), TarArchiveOutputStream.LONGFILE_POSIX, true, entries);
  }

  static byte[] tar(String encoding, int longFileMode, boolean paxForNonAscii, Entry... entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, encoding)) {
      out.setLongFileMode(longFileMode);
      out.setAddPaxHeadersForNonAsciiNames(paxForNonAscii);
      for (Entry e : entries) {
        TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), e.absolute());
        if (e.link() != null) {
          t.setLinkName(e.link());
        }
        t.setSize(e.type() == TarConstants.LF_NORMAL ? e.data().length : 0);
        out.putArchiveEntry(t);
        if (e.type() == TarConstants.LF_NORMAL) {
          out.write(e.data());
        }
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip of {@code entries} (deflated; symbolic links as Unix-mode entries). */
  static byte[] zip(Entry... entries) {
    return zip(StandardCharsets.UTF_8.name(), entries);
  }

  static byte[] zip(String encoding, Entry... entries) {
    SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(channel)) {
      out.setEncoding(encoding);
      out.setUseLanguageEncodingFlag(encoding.equals(StandardCharsets.UTF_8.name()));
      out.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
      for (Entry e : entries) {
        ZipArchiveEntry z = new ZipArchiveEntry(e.name());
        byte[] data = e.data();
        if (e.type() == TarConstants.LF_SYMLINK) {
          z.setUnixMode(0120777);
          data = e.link().getBytes(StandardCharsets.UTF_8);
        } else if (e.type() == TarConstants.LF_FIFO) {
          z.setUnixMode(0010644);
        } else if (e.type() != TarConstants.LF_DIR) {
          z.setUnixMode(0100644);
        }
        out.putArchiveEntry(z);
        out.write(data);
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Arrays.copyOf(channel.array(), (int) channel.size());
  }

  static byte[] gzip(byte[] data) {
    return compress(data, GZIPOutputStream::new);
  }

  static byte[] bzip2(byte[] data) {
    return compress(data, BZip2CompressorOutputStream::new);
  }

  static byte[] xz(byte[] data) {
    return compress(data, XZCompressorOutputStream::new);
  }

  interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  static byte[] compress(byte[] data, Compressor compressor) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.wrap(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static SeekableByteChannel channel(byte[] data) {
    return new SeekableInMemoryByteChannel(data);
  }

  /** A channel that counts the bytes read through it. */
  static final class CountingChannel extends SeekableInMemoryByteChannel {
    long read;

    CountingChannel(byte[] data) {
      super(data);
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      int n = super.read(buf);
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }

  /** Bytes of {@code text} as UTF-8. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code n} copies of {@code data}. */
  static byte[] repeat(byte[] data, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      out.write(data, 0, data.length);
    }
    return out.toByteArray();
  }

  /** A typical setuptools sdist's members under {@code dir/}. */
  static List<Entry> typicalSdist(String dir) {
    List<Entry> entries = new ArrayList<>();
    entries.add(Entry.dir(dir));
    entries.add(Entry.file(dir + "/PKG-INFO", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n\nlong text\n"));
    entries.add(Entry.file(dir + "/setup.py", "from setuptools import setup\nsetup(install_requires=['requests'])\n"));
    entries.add(Entry.file(dir + "/setup.cfg", "[metadata]\nname = demo\n"));
    entries.add(Entry.file(dir + "/demo.egg-info/requires.txt", "requests\n"));
    entries.add(Entry.file(dir + "/requirements/base.txt", "requests>=2\n"));
    entries.add(Entry.file(dir + "/demo/__init__.py", "__version__ = '1.0'\n"));
    entries.add(Entry.file(dir + "/demo/sub/deeper/deep.py", "x = 1\n"));
    entries.add(Entry.file(dir + "/README.rst", "Demo\n"));
    entries.add(Entry.file(dir + "/docs/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    return entries;
  }
}
