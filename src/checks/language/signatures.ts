// Where linguist's heuristics leave several candidates, linguist runs a Bayesian classifier trained
// on its own sample files (samples.json, built into the Ruby gem and published nowhere else). This
// project ships no such model. In its place, these signatures: for extensions several languages
// share and heuristics.yml does not settle, what each format's own syntax makes plain (a KiCad
// schematic's header, a Kickstart %packages section, an HTML tag). They are written in
// heuristics.yml's form and read the same way, with one difference: a rule only picks a language
// that is still a candidate. They run only after linguist's own heuristics found nothing.
//
// Each rule names the syntax it relies on; add one when a real file is misread, with the file as
// a test (src/checks/language/detect.test.ts).

export interface Signature {
  language: string;
  /** Ruby patterns, as in heuristics.yml; absent means the rule always matches. */
  pattern?: string | string[];
}

export interface Signatures {
  /** Extensions (lower case, with the dot) or exact file names the rules apply to. */
  extensions?: string[];
  filenames?: string[];
  rules: Signature[];
}

// The same markers linguist's XML strategy looks for, at the start of the file.
const XML_DECLARATION = '\\A\\x{FEFF}?\\s*<\\?xml\\s';

export const SIGNATURES: readonly Signatures[] = [
  {
    extensions: ['.ash'],
    rules: [
      // KoLmafia scripts import other .ash files with import <file.ash> and may name themselves.
      { language: 'KoLmafia ASH', pattern: ['^\\s*import\\s*<[^>\\r\\n]+>', '^script\\s+"[^"]+"'] },
      { language: 'AGS Script', pattern: ['^\\s*(?:#define|enum|struct|import|managed\\s+struct)\\s', '^\\s*//'] },
    ],
  },
  {
    extensions: ['.brd'],
    rules: [
      { language: 'Eagle', pattern: ['<!DOCTYPE\\s+eagle', '<eagle\\b'] },
      { language: 'KiCad Legacy Layout', pattern: '\\APCBNEW-BOARD' },
    ],
  },
  {
    extensions: ['.cake'],
    rules: [
      // Cake (C# Make) scripts are C# statements; a Cakefile's tasks are CoffeeScript functions.
      { language: 'C#', pattern: ['^\\s*#(?:addin|tool|load)\\b', '^\\s*var\\s+\\w+\\s*=.*;\\s*$', '\\bRunTarget\\s*\\('] },
      { language: 'CoffeeScript', pattern: ['->\\s*$', "^\\s*\\w+\\s*=\\s*require\\s+['\"]", "^\\s*task\\s+['\"]"] },
    ],
  },
  {
    extensions: ['.cfg'],
    rules: [
      // INI files (setup.cfg, tox.ini-style) are made of [sections]; HAProxy's are keyword blocks.
      { language: 'INI', pattern: '^\\s*\\[[^\\]\\r\\n]+\\]\\s*$' },
      { language: 'HAProxy', pattern: '^\\s*(?:global|defaults|frontend|backend|listen)\\b' },
      // Plain key=value lines (linguist's own key_equals_value pattern) are INI without sections.
      { language: 'INI', pattern: '^[^#!;][^=\\r\\n]*=' },
    ],
  },
  {
    extensions: ['.cp'],
    rules: [
      { language: 'Component Pascal', pattern: '^\\s*MODULE\\s+\\w+' },
      { language: 'C++', pattern: ['^\\s*#\\s*include\\s*[<"]', '\\w::\\w'] },
    ],
  },
  {
    extensions: ['.cue'],
    rules: [
      // A CD cue sheet is FILE, TRACK and INDEX commands; the CUE language declares packages.
      { language: 'Cue Sheet', pattern: ['^\\s*FILE\\s+"', '^\\s*TRACK\\s+\\d+\\s+\\w+', '^\\s*INDEX\\s+\\d+\\s+\\d+:\\d+:\\d+'] },
      { language: 'CUE', pattern: '^package\\s+\\w+' },
    ],
  },
  {
    extensions: ['.dsc'],
    rules: [
      { language: 'Debian Package Control File', pattern: '^(?:Format|Source|Binary|Checksums-\\w+|Files):' },
      { language: 'DenizenScript', pattern: '^\\s+type:\\s*(?:task|world|command|item|procedure|assignment|entity|format|data|book|inventory|interact|economy|enchantment|map|yaml)\\s*$' },
    ],
  },
  {
    extensions: ['.frag', '.shader', '.vert', '.glsl'],
    rules: [
      { language: 'ShaderLab', pattern: '^\\s*Shader\\s+"' },
      // GLSL: a #version line, its built-ins, or its storage qualifiers and vector types.
      { language: 'GLSL', pattern: ['^\\s*#version\\s+\\d+', '\\bgl_(?:FragColor|FragCoord|Position|FragData)\\b', '^\\s*(?:uniform|varying|attribute|precision)\\s', '\\b[biu]?vec[234]\\b'] },
    ],
  },
  {
    extensions: ['.fx'],
    rules: [
      // HLSL effect files: vector and matrix types, samplers, techniques, semantics.
      { language: 'HLSL', pattern: ['\\b(?:float|half|int|uint|bool)[1-4](?:x[1-4])?\\b', '\\bsampler(?:_state|2D|3D|CUBE)?\\b', '^\\s*technique\\d*\\b', '\\bSV_\\w+'] },
    ],
  },
  {
    extensions: ['.gs'],
    rules: [
      // Genie is indentation-based: an init block, or classes and definitions without braces.
      { language: 'Genie', pattern: ['^init\\s*$', '^uses\\s*$', '^class\\s+\\w+(?:\\s*:\\s*[\\w.]+)?\\s*$'] },
    ],
  },
  {
    extensions: ['.gst'],
    rules: [
      { language: 'XML', pattern: XML_DECLARATION },
      { language: 'Gosu', pattern: ['<%', '^\\s*(?:uses|package)\\s+[\\w.]+'] },
    ],
  },
  {
    filenames: ['hosts'],
    rules: [
      // An inventory of [groups] (as Ansible writes hosts) is INI; address-per-line is a hosts file.
      { language: 'INI', pattern: '^\\s*\\[[^\\]\\r\\n]+\\]\\s*$' },
    ],
  },
  {
    extensions: ['.inc'],
    rules: [
      { language: 'HTML', pattern: '(?i)^\\s*</?(?:!doctype\\s+html|html|head|body|div|table|tbody|thead|tr|td|th|p|ul|ol|li|a|span|br|hr|meta|link|form|script|style|h[1-6])\\b' },
      // Pawn: natives, forwards and stocks, #pragma library, Float: tags, %0 macro parameters.
      { language: 'Pawn', pattern: ['^\\s*(?:static\\s+)?(?:native|forward|stock)\\s+\\w', '^\\s*#pragma\\s+library\\b', '\\bFloat:\\w', '^\\s*#if\\s+defined\\s+_\\w+_included', '^\\s*#define\\s+\\w+\\([^)\\r\\n]*%\\d'] },
      // BitBake: upper-case variables assigned quoted values with its operators (?=, :=, +=, .=).
      { language: 'BitBake', pattern: '^[A-Z][A-Z0-9_]*(?:[:_/][\\w/:${}.-]*)?(?:\\[[\\w-]+\\])?\\s*(?:\\?\\?=|\\?=|:=|\\+=|=\\+|\\.=|=\\.|=)\\s*"' },
      { language: 'C++', pattern: ['^\\s*#\\s*(?:include|define|ifndef|pragma)\\b', '\\w::\\w', '^\\s*(?:class|struct|namespace|template)\\b'] },
      { language: 'SQL', pattern: '(?i)^\\s*(?:select|insert|update|delete|create|drop|alter|flush|grant|set|use)\\b[^;\\r\\n]*;\\s*$' },
    ],
  },
  {
    extensions: ['.jq'],
    rules: [
      // JSONiq has XQuery's (: comments :), module imports and $variables bound with :=.
      { language: 'JSONiq', pattern: ['\\(:', '^\\s*(?:import\\s+module|jsoniq\\s+version|declare\\s+(?:function|variable))\\b', '^\\s*variable\\s+\\$\\w+\\s*:='] },
      { language: 'jq', pattern: ['^\\s*def\\s+\\w+(?:\\([^)]*\\))?\\s*:', '\\|\\s*\\.'] },
    ],
  },
  {
    extensions: ['.ks'],
    rules: [
      // Kickstart: %packages/%pre/%post sections, and installer commands at the start of lines.
      { language: 'Kickstart', pattern: ['^%(?:packages|pre|post|end|include)\\b', '^(?:auth|authconfig|bootloader|clearpart|part|rootpw|timezone|lang|keyboard|network|firewall|selinux|autopart|install|url|reboot)\\s'] },
    ],
  },
  {
    extensions: ['.m'],
    rules: [
      // MATLAB: functions and classdefs, blocks closed by a bare end, % comments.
      { language: 'MATLAB', pattern: ['^\\s*function\\s+(?:\\[[^\\]\\r\\n]*\\]\\s*=\\s*|\\w+\\s*=\\s*)?\\w+', '^\\s*classdef\\b', '^\\s*end\\s*;?\\s*$'] },
      // M (MUMPS): a label with a ; comment at the start of a line, then indented commands.
      { language: 'M', pattern: ['^[%A-Za-z][A-Za-z0-9]*(?:\\([^)\\r\\n]*\\))?[ \\t]+;', '(?i)^[ \\t]+(?:\\.[ \\t]*)*(?:s|set|w|write|q|quit|d|do|n|new|k|kill|zw|zwrite)(?::\\S+)?(?:[ \\t]|$)'] },
    ],
  },
  {
    extensions: ['.mm'],
    rules: [
      // FreeMind mind maps are XML documents with a <map> root.
      { language: 'XML', pattern: [XML_DECLARATION, '\\A\\s*<map\\b'] },
    ],
  },
  {
    extensions: ['.mo'],
    rules: [
      { language: 'Motoko', pattern: ['^\\s*import\\s+\\w+\\s+"mo:', '^\\s*(?:actor|module)\\s*(?:\\w+\\s*)?\\{', '^\\s*(?:public\\s+)?(?:shared\\s+)?func\\s+\\w+'] },
      { language: 'Modelica', pattern: '^\\s*(?:within|model|package|connector|record|block|partial\\s+model)\\b' },
    ],
  },
  {
    extensions: ['.nas'],
    rules: [
      // NASM-style assembly: ; comments, %include and %define, section directives.
      { language: 'Assembly', pattern: ['^\\s*%(?:include|define|macro|ifdef)\\b', '(?i)^\\s*(?:section|segment|bits|global|extern)\\s', '(?i)^\\s+(?:mov|push|pop|call|ret|jmp|xor|lea|cpuid)\\s'] },
    ],
  },
  {
    extensions: ['.nb'],
    rules: [{ language: 'Wolfram Language', pattern: ['\\(\\* Content-type: application/vnd\\.wolfram', '^Notebook\\[\\{'] }],
  },
  {
    extensions: ['.pbt'],
    rules: [
      // PowerBuilder targets are "Save Format" files; protobuf text is field: value and message { }.
      { language: 'PowerBuilder', pattern: ['^Save Format v\\d', '^\\s*appname\\s+"'] },
      { language: 'Protocol Buffer Text Format', pattern: ['^\\s*\\w+\\s*\\{\\s*$', '^\\s*\\w+:\\s*(?:"|-?\\d|true\\b|false\\b)'] },
    ],
  },
  {
    extensions: ['.prc', '.ddl'],
    rules: [
      // Oracle's dialect: VARCHAR2, CREATE OR REPLACE of stored code, DBMS_ packages.
      { language: 'PLSQL', pattern: ['(?i)\\bvarchar2\\b', '(?i)\\bcreate\\s+or\\s+replace\\s+(?:procedure|function|package|trigger|type)\\b', '(?i)\\bdbms_\\w+\\.'] },
    ],
  },
  {
    extensions: ['.rsc'],
    rules: [
      // RouterOS: :global/:local/:put commands, /menu paths, or an export header.
      { language: 'RouterOS Script', pattern: ['^\\s*:(?:global|local|put|foreach|for|if|do|delay|log|set|while)\\b', '^/(?:ip|ipv6|interface|system|tool|routing|user|queue|file|certificate|snmp|radius)\\b', 'by RouterOS \\d'] },
      { language: 'Rascal', pattern: '^module\\s+[\\w:]+' },
    ],
  },
  {
    extensions: ['.sch'],
    rules: [
      // KiCad's header or s-expression root; gEDA gschem files (v YYYYMMDD n), which linguist counts here too.
      { language: 'KiCad Schematic', pattern: ['\\AEESchema Schematic File', '^\\(kicad_sch\\b', '\\Av \\d{8} \\d+\\s*$'] },
      { language: 'Eagle', pattern: ['<!DOCTYPE\\s+eagle', '<eagle\\b'] },
      { language: 'XML', pattern: XML_DECLARATION },
      { language: 'Scheme', pattern: ['^\\s*\\((?:define|lambda|let\\*?|letrec|set!|begin)\\b', '^\\s*;'] },
    ],
  },
  {
    extensions: ['.spec'],
    rules: [
      { language: 'RPM Spec', pattern: ['^(?:Name|Version|Release|Summary|License|BuildRequires):\\s', '^%(?:description|prep|build|install|files|changelog)\\b'] },
      // RSpec: describe/context/it blocks, or a spec_helper require.
      { language: 'Ruby', pattern: ['^\\s*(?:RSpec\\.)?(?:describe|context|it)\\b.*\\bdo\\s*(?:\\|[^|\\r\\n]*\\|)?\\s*$', "^\\s*require(?:_relative)?\\s+['\"]"] },
      // PyInstaller specs are Python: imports and Analysis(...) calls.
      { language: 'Python', pattern: ['^\\s*(?:import|from)\\s+\\w', '^\\s*\\w+\\s*=\\s*(?:Analysis|PYZ|EXE|COLLECT|BUNDLE)\\('] },
    ],
  },
  {
    extensions: ['.fcgi'],
    rules: [{ language: 'PHP', pattern: '^<\\?php' }],
  },
  {
    extensions: ['.workflow'],
    rules: [
      { language: 'XML', pattern: XML_DECLARATION },
      { language: 'HCL', pattern: '^\\s*(?:workflow|action)\\s+"' },
    ],
  },
];
