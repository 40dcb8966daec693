"""Hand-written edge cases added to the corpus-derived differential inputs.

The corpus mostly holds well-formed metadata; these lists aim at the corners of
PEP 440/503/508/425 (and of packaging's implementation of them) that real data
rarely reaches: odd spellings, whitespace, Unicode, unbounded numbers, quoting,
operator semantics and malformed input.  Each entry is plain data; make_inputs.py
turns them into ops.
"""

VERSIONS = [
    # spelling and normalization
    "1.0", "1.0.0", "1", "01.02.03", "1.0.0.0.0", "0.0.0", "2013.07.09",
    "v1.0", "V1.0", "v", "1.0-1", "1.0-0", "1.0-1-1", "1.0.post", "1.0-post", "1.0.POST1",
    "1.0post1", "1.0-r1", "1.0rev", "1.0.r.2", "1.0-rc.1", "1.0RC1", "1.0c1", "1.0C1",
    "1.0alpha1", "1.0beta", "1.0pre2", "1.0preview3", "1.0a", "1.0a0", "1.0-a-1",
    "1.0_a_1", "1.0.dev", "1.0dev", "1.0-dev-1", "1.0DEV2", "1.0a1.post2.dev3",
    "1.0.0rc1.dev0", "1.0.post0.dev0", "1.0.post1.post2", "1.0a1b2", "1.0.dev1+local",
    # epochs
    "1!2.0", "0!0", "1!", "!1.0", "01!1.0", "1!1!1.0",
    # unbounded numbers
    "1.0.99999999999999999999", "99999999999999999999999.0",
    "1.0a99999999999999999999", "1.0.post99999999999999999999",
    "99999999999999999999!1.0", "1." + "9" * 200,
    # locals
    "1.0+ubuntu-1.2", "1.0+UBUNTU_1", "1.0+abc.5", "1.0+5", "1.0+05", "1.0+", "1.0+a..b",
    "1.0+local+more", "1.0+a_b-c.d", "1.0+-a", "1.0+a-",
    # whitespace and Unicode
    " 1.0 ", "\t1.0\n", "1.0\n", "1.0\n\n", "\u00a01.0", "1.0\u00a0", "\u20031.0",
    "\u30001.0", "1.0\u2028", "\x0b1.0\x0c", "\x1c1.0", "1.0 1", "", " ",
    "\u0661.\u0660", "\uff11.\uff10", "1.0\u03b2", "\u0130", "1.0\u0131",
    # invalid shapes
    "1..0", ".1", "1.", "1.0-", "a1.0", "latest", "1.*", "1.0.*", "1e3", "0x10", "1,0",
    "1.0.0-alpha.1", "1.0.0-beta+exp.sha.5114f85", "1.0-dev.1.post", "1.0_", "1.0._1",
]

# All ordered pairs of these are compared: they cover every PEP 440 ordering rule.
COMPARE_VERSIONS = [
    "1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1", "1.0b2",
    "1.0rc1", "1.0rc1.post1", "1.0c1", "1.0", "1.0.0", "1.0.0.0", "v1.0", "1.0+local",
    "1.0+local.2", "1.0+local.10", "1.0+abc", "1.0+1", "1.0+a.1", "1.0+1.a", "1.0+0",
    "1.0+00", "1.0+a", "1.0+A", "1.0+a.b.c", "1.0+1.0", "1.0+1.0.0", "1.0.post0",
    "1.0-1", "1.0.post1.dev1", "1.0.post1", "1.0.post1+local", "1.1.dev0", "1!0.1",
    "1!1.0", "2!0.0.dev0", "0.9", "1.0a", "1.0a0", "1.0.dev", "1.0.99999999999999999999",
]

NAMES = [
    "Foo.Bar", "foo__bar", "foo-_.bar", "-foo", "foo-", ".foo", "_foo", "foo_", "Foo",
    "FOO", "a", "1", "", " ", " foo", "foo ", "foo bar", "a.b_c-d", "a--b", "a..b",
    "0-0", "ABC-def_GHI.jkl", "foo\n", "foo\t", "fo\u00f6", "\u0130stanbul",
    "\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3", "stra\u00dfe", "\u01c5", "\u2168",
    "\u212a", "caf\u00e9-b\u00e4r", "foo/bar", "foo@bar", "a" * 300,
]

REQUIREMENTS = [
    # legacy and spacing
    "foo (>=1.0)", "foo(>=1.0)", "foo (>=1.0, <2)", "foo >= 1.0", "foo>=1.0,<2.0",
    "foo\t>=1.0", "foo>=1.0\n", "foo>=1.0\n\n", "foo >=1.0 <2.0", "foo>1.0 <2",
    "foo (>=1.0) ; extra == 'x'", "foo(>=1.0);python_version<\"3\"", " foo", "foo ",
    # specifier shapes
    "foo ==1.0.*", "foo==1.0.*,!=1.0.1", "foo~=1.4.2", "foo===arbitrary", "foo === 1.0",
    "foo>=1.0.*", "foo==1.0+local", "foo>=1.0+local", "foo=1.0", "foo==", "foo<>1",
    "foo!=1.0.*", "foo==1.0.99999999999999999999", "foo>=v1.0", "foo (==1.0-1)",
    # URLs
    "foo @ https://example.com/foo-1.0.tar.gz", "foo@https://example.com/foo.whl",
    "foo @ file:///tmp/foo ; python_version >= \"3\"",
    "name @ https://x/y.whl ; os_name == \"nt\"", "name @ https://x/y.whl; os_name == \"nt\"",
    "name @ https://x/y.whl ;os_name == \"nt\"", "name @ https://x/y.whl ", "name @",
    "name @ git+https://github.com/a/b.git@v1.0#egg=name", "name [x] @ https://x/y.whl",
    # extras
    "foo[bar , baz]", "foo[bar,baz]>=1", "foo[]", "foo[ ]", "foo[bar baz]", "foo[Bar_Baz]",
    "foo[bar,]", "foo[bar,bar]", "Foo.Bar[Baz]>=1", "foo[bar-baz.qux_1]",
    # markers
    "foo; os.name == \"nt\"", "foo; sys.platform == \"win32\"",
    "foo; platform.python_implementation == \"CPython\"",
    "foo; python_implementation == \"PyPy\"", "foo; \"linux\" in sys_platform",
    "foo; \"win\" not in sys_platform", "foo; \"3.6\" < python_version",
    "foo; python_version ~= \"3.6\"", "foo; python_version === \"3.6\"",
    "foo; (os_name == \"nt\" or sys_platform == \"darwin\") and python_version < \"3.8\"",
    "foo; os_name == \"nt\" and (extra == \"Foo_Bar\" or extra == \"test\")",
    "foo; extra == \"Foo_Bar\"", "foo; extra == 'Foo.Bar'", "foo; (extra == \"Foo_Bar\")",
    "foo; \"Foo_Bar\" == extra", "foo ;python_version==\"2.7\"",
    "foo;python_version<\"3.8\"and os_name==\"nt\"",
    "foo; python_version == \"\\x41\"", "foo; os_name == \"\\\"", "foo; os_name == '\\''",
    "foo; os_name == \"\\u0041\"", "foo; os_name == \"\\N{LATIN SMALL LETTER A}\"",
    "foo; os_name == \"\\N{NO SUCH NAME}\"", "foo; os_name == \"a\\nb\"",
    "foo; os_name == \"\\777\"", "foo; os_name == \"\\q\"", "foo; os_name == f\"x\"",
    "foo; os_name == \"a\tb\"", "foo; os_name == 'x\"y'", "foo; \"a\" == \"a\"",
    "foo; os_name == os_name", "foo; extras == \"x\"", "foo; dependency_groups in \"x\"",
    "foo; implementation_version >= \"3.8\"", "foo; platform_release >= \"5.0\"",
    "foo; python_full_version >= \"3.8.0\"", "foo; python_version > \"3.8.*\"",
    "foo; os_name < \"posix\"", "foo; os_name <= \"posix\"", "foo; 'nt' == os_name",
    "foo>=1.0 ; python_version >= \"3\" or extra == \"x\"", "foo; python_version not  in \"3\"",
    # malformed
    "", " ", "foo bar", "-foo", "foo-", "foo.bar", "foo_bar>=1", "foo>=1.0;", "foo;",
    "foo; extra", "foo; python_version >= \"3\" and", "foo; (python_version >= \"3\"",
    "\"foo\"; x", "foo; python_version >= \"3\" && os_name == \"nt\"", "foo\u00a0>=1.0",
    "f\u00f6\u00f6>=1.0", "foo>=1.0 # comment", "foo==1.0 --hash=sha256:abc",
]

MARKERS = [
    "os.name == \"nt\"", "sys.platform == \"linux\"",
    "platform.python_implementation == \"CPython\"", "python_implementation == \"CPython\"",
    "platform.machine == \"x86_64\"", "platform.version == \"\"",
    "\"linux\" in sys_platform", "\"lin\" in sys_platform", "\"win\" not in sys_platform",
    "sys_platform in \"linux darwin\"", "\"3.6\" < python_version", "\"3.10\" > python_version",
    "python_version > \"3.6\"", "python_version >= \"3\"", "python_version < \"3.10\"",
    "python_version ~= \"3.8\"", "python_version ~= \"3\"", "python_version === \"3.12\"",
    "python_version == \"3.*\"", "python_version == \"3.12.*\"", "python_version != \"3.12.*\"",
    "python_version in \"2.7 3.4\"", "python_version not in \"3.0, 3.1\"",
    "python_full_version >= \"3.8.1\"", "python_full_version == \"3.12.13\"",
    "python_full_version < \"3.13.0a1\"", "python_version > \"3.8.dev0\"",
    "python_version == python_full_version", "implementation_version >= \"7.3\"",
    "implementation_name == \"pypy\"", "platform_release >= \"5\"", "platform_release == \"\"",
    "os_name < \"posix\"", "os_name <= \"posix\"", "os_name >= \"posix\"", "os_name > \"nt\"",
    "os_name ~= \"posix\"", "os_name === \"posix\"", "\"posix\" == os_name",
    "os_name == os_name", "\"a\" == \"a\"", "platform_machine == \"AMD64\"",
    "platform_machine in \"x86_64 aarch64\"", "platform_system == \"Linux\"",
    "(os_name == \"nt\" or sys_platform == \"darwin\") and python_version < \"3.8\"",
    "os_name == \"nt\" or sys_platform == \"darwin\" and python_version < \"3.8\"",
    "((python_version >= \"3\"))", "(extra == \"Foo_Bar\")", "extra == \"Foo_Bar\"",
    "extra == \"test\"", "extra == \"TEST\"", "\"test\" == extra", "extra == \"\"",
    "extra == \"socks\" or extra == \"Socks\"",
    "(extra == \"Socks\" or extra == \"test\") and python_version >= \"3\"",
    "python_version >= \"3\" and (extra == \"Socks\")", "extra != \"test\"",
    "extra in \"test docs\"", "\"test\" in extra", "extra < \"z\"", "extra ~= \"test\"",
    "extras == \"x\"", "\"x\" in extras", "dependency_groups == \"x\"",
    "python_version >= \"3\"\n", "python_version >= \"3\"\n\n", "\tpython_version >= \"3\"\t",
    " python_version>=\"3\"", "python_version>\"3\"and os_name==\"posix\"",
    "python_version >= \"3\" and", "python_version >= \"3\" && os_name == \"posix\"",
    "python_version = \"3\"", "python_version == 3", "python_version == \"\\x33.12\"",
    "os_name == \"\\x70osix\"", "os_name == \"\\\"", "os_name == \"\\\\\"", "os_name == '\\''",
    "os_name == \"\\u00e9\"", "os_name == \"\\N{DIGIT ONE}\"", "os_name == \"\\777\"",
    "os_name == \"\\q\"", "os_name == \"a\tb\"", "os_name == \"'\"", "os_name == \"\u00e9\"",
    "", " ", "python_version", "and", "foo == \"bar\"", "python_version >= \"3\" or",
    "not python_version == \"3\"", "python_version not  in \"3\"",
    "python_version notin \"3\"", "python_version in\"3.12\"",
]

# Environments used only with the hand-written markers.
EXTRA_ENVIRONMENTS = [
    {},
    {"python_version": "3.13", "python_full_version": "3.13.0+", "os_name": "posix",
     "sys_platform": "linux", "implementation_name": "cpython",
     "implementation_version": "3.13.0+"},
    {"python_version": "foo", "python_full_version": "", "os_name": "", "sys_platform": "",
     "platform_machine": "", "platform_release": "", "platform_system": "",
     "platform_version": "", "platform_python_implementation": "",
     "implementation_name": "", "implementation_version": "bar", "extra": "Foo.Bar"},
    {"python_version": "3.12", "extra": "Foo_Bar", "os_name": "nt",
     "sys_platform": "darwin"},
]

SPECIFIERS = [
    "", " ", ",", ">=1.0", ">= 1.0", ">=1.0 ,<2", ">=1.0,,<2", ">=1.0,", "==1.0.*",
    "==1.*", "==1.0.*.*", "!=1.0.*", ">=1.0.*", "~=1", "~=1.0", "~=1.0.*", "===foo",
    "=== foo bar", "===1.0", "=== 1.0", "==1.0+local", "==1.0+local.*", "<=1.0+local",
    ">1.0", "<1.0a1", "==v1.0", "==1.0-1", "==1.0.POST1", "~=1.0.post1", "~=1.0.dev1",
    ">=1!2.0", "==1.0.99999999999999999999", ">=1.0,>=1.0.0", "==1.0,==1.0.0",
    ">=1.0,<2.0,!=1.5", "foo", ">=", "=1.0", ">=1.0 <2.0", "(>=1.0)", ">=1.0;",
    ">=\u00a01.0", "\u00a0>=1.0", ">=1.0\n", "\t>=1.0\t", ">=1.0.0a1", "==1.0a",
    ">1.0.post1", "<1.0.dev0", "==1.0.0", "===1.0.0", "~=2.2.post3", "~=1!2.2",
    "<3,>=2.7,!=3.0.*,!=3.1.*", "<3, >=2.7, !=3.0.*", ">=1.0,>=1.0", "~=1.0,~=1.0.0",
    "==1.0.*,==1.0", "!=1.0,!=1.0.0", "<2,>1,<2", ">=3.6.*", "~=3.6.*", "==3.6.*,>=3.6",
    "== 1.0", "==1.0 ", "==1.0.*+local", "==1.0a1.*", ">=1.0-rc1", "===", "== 1.0.* ",
]

# (specifier, version) pairs, each checked with prereleases null/true/false.
CONTAINS = [
    (">=1.0", "2.0a1"), (">=1.0", "1.0a1"), ("<2.0", "2.0a1"), ("<2.0", "2.0.dev0"),
    ("<2.0a2", "2.0a1"), (">1.0", "1.0.post1"), (">1.0.post1", "1.0.post2"),
    (">1.0", "1.0+local"), ("<=1.0", "1.0+local"), ("==1.0", "1.0+local"),
    ("==1.0+local", "1.0"), ("==1.0+local", "1.0+LOCAL"), ("==1.0.*", "1.0.5"),
    ("==1.0.*", "1.0a1"), ("==1.0.*", "1.0+local"), ("!=1.0.*", "1.1"), ("~=1.0", "1.5"),
    ("~=1.0", "2.0"), ("~=1.0.0", "1.1"), ("~=1.0a1", "1.0"), ("===foo", "foo"),
    ("===foo", "FOO"), ("===1.0", "1.0.0"), ("===1.0", "1.0"), ("===1.0", " 1.0"),
    ("===1.0,>=0.5", "1.0"), ("===1.0a1", "1.0a1"), ("===foo,>=1", "foo"), ("", "1.0a1"),
    ("", "1.0"), ("", "foo"), (">=1.0", "foo"), (">=1.0", " 1.5 "), ("!=1.0", "1.0a1"),
    ("!=1.0a1", "1.0a1"), (">=1.0,!=1.5", "1.5a1"), (">=1.0a1", "2.0b1"),
    (">=1.0,<2.0", "1.5rc1"), (">=1.0,<=1.5rc1", "1.5rc1"), ("==1.0.*,>=1.0a1", "1.0a2"),
    (">=1.0", "v2.0"), (">=1!0", "5.0"), ("<1!0", "5.0"), (">=1.0", "1!0.5"),
    ("==1.0.0.0", "1"), ("==1", "1.0.0.0"), ("<1.0", "1.0.dev0"), ("<1.0", "0.9.dev0"),
    ("<=1.0", "1.0.dev0"), (">1.0.dev0", "1.0"), (">=1.0.dev0", "1.0a1"),
    ("==1.0.dev0", "1.0.dev0"), ("<1.0.post1", "1.0.post1.dev0"), (">1.0a1", "1.0a1+local"),
    (">1.0a1", "1.0a2+local"), ("==1.0.*", "1"), ("==1.*", "1.0"),
    ("==1.0.*", "1.0.0.post1"), ("==1.0.*", "0!1.0.1"), ("==1!1.0.*", "1.0"),
    ("~=1.0.post1", "1.0.post2"), ("~=2.2.post3", "2.3"), ("~=1.0.dev1", "1.0"),
    (">=1.0", "1.0.99999999999999999999"), ("<1.0.99999999999999999999", "1.0.99999999999999999998"),
    (">1.0", "1.0.0.post1"), (">1.0.0", "1.0.post1"), ("<1.0a1", "1.0.dev0"),
    ("<1.0a1", "1.0a1.dev0"), (">=1.0,<1.0", "1.0"), ("<2", "2.0rc1"), ("<2", "1.9"),
    ("!=2.0", "2.0+local"), ("!=2.0.*", "2.0.post1"), ("==2.0.*", "2.0.post1.dev1"),
    (">=1.0", ""), ("===", ""), (">=1.0", "\u00a01.5"), ("==1.0", "1.0\n"),
]

WHEELS = [
    "foo-1.0-py3-none-any.whl", "foo-1.0-1abc-py3-none-any.whl",
    "foo-1.0-123-py2.py3-none-any.whl", "foo-1.0-abc-py3-none-any.whl",
    "Foo.Bar-1.0-py3-none-any.whl", "foo_bar-1.0-py3-none-any.whl",
    "foo__bar-1.0-py3-none-any.whl", "FOO-1.0-PY3-NONE-ANY.whl",
    "foo-1.0-py3-none-any.WHL", "foo-1.0-py3-none-any", "foo-1.0-py3-none.whl",
    "foo-1.0-1-2-py3-none-any.whl", "foo-1.0.tar.gz", "foo-bar-1.0-py3-none-any.whl",
    "foo-v1.0-py3-none-any.whl", "foo-1.0_rc1-py3-none-any.whl",
    "foo-1.0+local-py3-none-any.whl", "foo-1!2.0-py3-none-any.whl",
    "foo-1.0-cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "foo-1.0-py3-none-macosx_10_9_x86_64.macosx_11_0_arm64.whl",
    "foo-1.0-py3.py2-none-any.whl", "-1.0-py3-none-any.whl", "caf\u00e9-1.0-py3-none-any.whl",
    "foo bar-1.0-py3-none-any.whl", "foo\n-1.0-py3-none-any.whl",
    "foo-1.0-1\n-py3-none-any.whl", "foo-1.0-0-py3-none-any.whl",
    "foo-1.0-99999999999999999999x-py3-none-any.whl", "foo-1.0--py3-none-any.whl",
    "foo-1.0-py3--any.whl", "foo-1.0-py3-none-.whl", ".whl", "foo-1.0-py3-none-any.whl.whl",
    "foo-\u0661.0-py3-none-any.whl", "foo- 1.0-py3-none-any.whl", "foo.-1.0-py3-none-any.whl",
    "foo-1.0-1_2-py3-none-any.whl", "foo-1.0-py3-none-any..whl", "foo-1.0-cp312-cp312-win_amd64.whl",
    "foo-1.0-cp27-cp27mu-manylinux1_x86_64.whl", "foo-1.0-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl",
    "foo-1.0-cp313-cp313t-manylinux_2_28_aarch64.whl", "foo-1.0-py3-none-linux_x86_64.whl",
    "foo-1.0-cp312-abi3-musllinux_1_2_x86_64.whl", "foo-1.0-py3-none-ios_13_0_arm64_iphoneos.whl",
    "foo-1.0-py3-none-android_21_arm64_v8a.whl", "foo-1.0-pp3-none-any.whl",
    "foo-1.0-cp38-none-any.whl", "foo-1.0-PY3-None-Win_AMD64.whl",
]

# Targets for `tags` (and, the valid ones, for `compatible`): every family.
TARGETS = [
    # manylinux, PEP 600 and legacy spellings, every manylinux arch
    "cp312-manylinux_2_39_x86_64", "cp311-manylinux_2_17_x86_64", "cp310-manylinux2014_x86_64",
    "cp39-manylinux2010_x86_64", "cp27mu-manylinux1_x86_64", "cp27m-manylinux1_x86_64",
    "cp37m-manylinux1_i686", "cp38-manylinux_2_31_i686", "cp313t-manylinux_2_28_aarch64",
    "cp312-manylinux2014_aarch64", "cp311-manylinux_2_35_ppc64le", "cp310-manylinux_2_17_s390x",
    "cp39-manylinux_2_31_armv7l", "cp311-manylinux2014_armv7l", "cp312-manylinux_2_36_armv8l",
    "cp312-manylinux_2_17_ppc64", "cp313-manylinux_2_39_riscv64",
    "cp313-manylinux_2_38_loongarch64", "cp312-manylinux_2_17_sparc64",
    "cp314-manylinux_2_40_x86_64", "cp314t-manylinux_2_34_x86_64",
    "cp315-manylinux_2_41_aarch64", "cp36-manylinux_2_24_x86_64", "cp35-manylinux1_x86_64",
    "cp312-manylinux_3_0_x86_64", "cp39d-manylinux_2_17_x86_64", "cp37-manylinux2014_x86_64",
    # musllinux and plain linux
    "cp312-musllinux_1_2_x86_64", "cp311-musllinux_1_1_aarch64", "cp310-musllinux_1_2_armv7l",
    "cp313t-musllinux_1_2_x86_64", "cp39-musllinux_1_1_i686", "cp312-linux_x86_64",
    "cp311-linux_armv7l",
    # macOS
    "cp38-macosx_10_9_x86_64", "cp37m-macosx_10_6_intel", "cp39-macosx_10_15_x86_64",
    "cp311-macosx_11_0_arm64", "cp311-macosx_14_0_arm64", "cp312-macosx_14_0_x86_64",
    "cp313-macosx_15_0_arm64", "cp310-macosx_11_0_universal2", "cp39-macosx_10_16_x86_64",
    "cp312-macosx_26_0_arm64", "cp36m-macosx_10_6_i386", "cp27m-macosx_10_5_ppc64",
    "cp27m-macosx_10_4_ppc",
    # Windows
    "cp38-win_amd64", "cp312-win32", "cp311-win_arm64", "cp37m-win_amd64", "cp27m-win32",
    "cp38d-win_amd64", "cp314t-win_amd64", "cp36dm-win_amd64", "cp32mu-win32",
    # iOS and Android
    "cp313-ios_17_0_arm64_iphoneos", "cp313-ios_13_0_x86_64_iphonesimulator",
    "cp314-ios_12_0_arm64_iphonesimulator", "cp313-ios_11_0_arm64_iphoneos",
    "cp313-android_24_arm64_v8a", "cp314-android_21_x86_64", "cp313-android_16_armeabi_v7a",
    "cp313-android_30_x86",
    # PyPy
    "pp37-manylinux_2_17_x86_64", "pp38-win_amd64", "pp39-macosx_11_0_arm64",
    "pp310-manylinux_2_17_x86_64", "pp311-manylinux_2_28_aarch64", "pp27-manylinux1_x86_64",
    "pp311-musllinux_1_2_x86_64",
    # anything else: the tag alone
    "cp312-pyodide_2024_0_wasm32", "cp37-win_amd64",
]

INVALID_TARGETS = [
    "", "cp312", "cp312-", "xx312-linux_x86_64", "cp38t-manylinux_2_17_x86_64",
    "cp312m-win_amd64", "cp34u-win32", "pp310m-manylinux_2_17_x86_64", "cp312-Win_AMD64",
    "CP312-win_amd64", "cp312-win amd64", "cp3-win_amd64", "cp313dt-manylinux_2_17_x86_64",
    "cp312-win_amd64 ", "cp312-manylinux_2_17-x86_64", "cp312-macosx_14_0_arm64.whl",
]
