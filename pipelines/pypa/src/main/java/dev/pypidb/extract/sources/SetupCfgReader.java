package dev.pypidb.extract.sources;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link Method#SETUP_CFG}: setup.cfg as setuptools (62.6 and later) reads it. {@code [options]}
 * gives install_requires ({@code file:} allowed, comment lines dropped), setup_requires and
 * tests_require (lists: one per line, or separated by {@code ;} on one line) and python_requires;
 * {@code [options.extras_require]} gives extras_require with its keys as written. Option names
 * in {@code [options]} may use dashes ({@code install-requires}), which setuptools still accepts.
 *
 * <p>setuptools reads every option of every section, interpolating {@code %(name)s}; a file it
 * cannot read (a duplicate option, a stray {@code %}, invalid UTF-8) makes the build fail, so then
 * each field the file mentions is unresolved with the reason.
 */
public final class SetupCfgReader extends KeyIndependentReader {
  static final String PATH = "setup.cfg";
  private static final String OPTIONS = "options";
  private static final String EXTRAS = "options.extras_require";
  private static final Map<SetupField, Pattern> MENTIONS = new EnumMap<>(SetupField.class);

  static {
    for (SetupField f : new SetupField[] {SetupField.INSTALL_REQUIRES, SetupField.SETUP_REQUIRES,
        SetupField.TESTS_REQUIRE, SetupField.PYTHON_REQUIRES}) {
      MENTIONS.put(f, Pattern.compile("(?m)^\\s*" + f.keyword().replace("_", "[_-]") + "\\s*[=:]"));
    }
    MENTIONS.put(SetupField.EXTRAS_REQUIRE, Pattern.compile("(?m)^\\s*\\[options\\.extras_require\\]"));
  }

  private SetupCfgReader(Map<SetupField, FieldAnswer> fields) {
    super(Method.SETUP_CFG, fields);
  }

  /** The reader of {@code tree}'s setup.cfg; null when there is none or it sets none of the fields. */
  public static SetupCfgReader of(SourceTree tree) {
    if (!tree.exists(PATH)) {
      return null;
    }
    SourceText t = SourceText.read(tree, PATH);
    if (!t.ok()) {
      byte[] b = tree.bytes(PATH);
      String lenient = b == null ? null : new String(b, StandardCharsets.UTF_8);
      return failed(lenient, t.problem());
    }
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    try {
      IniFile ini = IniFile.parse(t.text(), PATH);
      for (String section : ini.sections()) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : ini.options(section)) {
          options.put(option, ini.get(section, option));
        }
        values.put(section, options);
      }
    } catch (IniFile.IniException e) {
      return failed(t.text(), "setuptools cannot read setup.cfg: " + e.getMessage());
    }
    Map<SetupField, FieldAnswer> fields = new EnumMap<>(SetupField.class);
    if (values.containsKey(OPTIONS)) {
      Map<String, String> options = new LinkedHashMap<>();
      values.get(OPTIONS).forEach((option, value) -> options.put(option.replace('-', '_'), value));
      String v = options.get("install_requires");
      if (v != null) {
        fields.put(SetupField.INSTALL_REQUIRES,
            SetuptoolsLists.configRequirements(tree, v, "setup.cfg [options] install_requires"));
      }
      for (SetupField f : new SetupField[] {SetupField.SETUP_REQUIRES, SetupField.TESTS_REQUIRE}) {
        v = options.get(f.keyword());
        if (v != null) {
          fields.put(f, FieldAnswer.known(SetuptoolsLists.parseList(v, ";")));
        }
      }
      v = options.get("python_requires");
      if (v != null) {
        fields.put(SetupField.PYTHON_REQUIRES, FieldAnswer.known(v));
      }
    }
    if (values.containsKey(EXTRAS)) {
      fields.put(SetupField.EXTRAS_REQUIRE, extras(tree, values.get(EXTRAS)));
    }
    return fields.isEmpty() ? null : new SetupCfgReader(fields);
  }

  private static FieldAnswer extras(SourceTree tree, Map<String, String> section) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : section.entrySet()) {
      FieldAnswer a = SetuptoolsLists.configRequirements(tree, e.getValue(),
          "setup.cfg [options.extras_require] " + e.getKey());
      if (a instanceof FieldAnswer.Unresolved) {
        return a;
      }
      out.put(e.getKey(), new ArrayList<>(((FieldAnswer.Known) a).strings()));
    }
    return FieldAnswer.known(out);
  }

  /** Each field {@code text} mentions, unresolved for {@code reason}; null when it mentions none. */
  private static SetupCfgReader failed(String text, String reason) {
    Map<SetupField, FieldAnswer> fields = new EnumMap<>(SetupField.class);
    for (Map.Entry<SetupField, Pattern> e : MENTIONS.entrySet()) {
      if (text == null || e.getValue().matcher(text).find()) {
        fields.put(e.getKey(), FieldAnswer.unresolved(reason));
      }
    }
    return fields.isEmpty() ? null : new SetupCfgReader(fields);
  }
}
