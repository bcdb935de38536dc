#!/usr/bin/env node
/*
 * Carries out the README's "Adding the plugins to an existing Backstage app" steps on an app,
 * literally: every code block of the section, in order, is an edit or a command, and the section
 * states how many steps and lines it takes. The README's blocks carry where they go after the
 * language, which GitHub does not render (```ts file=packages/backend/src/index.ts
 * before="backend.start();"):
 *   run                  a bash command, run in the app's folder
 *   file=<path> and one of
 *     top                insert at the top of the file
 *     before="<text>"    insert before the first line containing <text>
 *     before-each="<t>"  insert before every line containing <t>
 *     after="<text>"     insert after the first line containing <text>
 *     replace="<text>"   replace the first line containing <text>
 *                        (inserted lines take the indentation of the line next to them)
 *     append             add at the end of the file
 * An anchor the app does not have fails the run: the README would not be true for it. The
 * section's blocks up to its first `###` heading are the legacy frontend system's steps; a block
 * without instructions there fails too, so the README cannot list an edit the script skips.
 *
 * usage: node apply-readme-steps.mjs <README.md> <app-dir>   (env for `run`: AUTONOMY_REPO)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [readmePath, appDir] = process.argv.slice(2);
if (!readmePath || !appDir) {
  console.error('usage: apply-readme-steps.mjs <README.md> <app-dir>');
  process.exit(2);
}

const SECTION = '## Adding the plugins to an existing Backstage app';
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(`${SECTION}\n`);
if (start < 0) throw new Error(`README has no "${SECTION}" section`);
const rest = readme.slice(start + SECTION.length);
const section = rest.slice(0, rest.search(/\n## |\n### /) + 1 || undefined);

/** `lang key=value key="a value" flag` → { lang, key: value, flag: true } */
function parseInfo(info) {
  const [lang, ...words] = info.match(/[\w-]+="(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  const attributes = { lang };
  for (const word of words) {
    const match = word.match(/^([\w-]+)(?:=(?:"((?:[^"\\]|\\.)*)"|(\S+)))?$/);
    if (!match) throw new Error(`cannot read "${word}" in \`\`\`${info}`);
    attributes[match[1]] =
      match[2]?.replace(/\\(.)/g, '$1') ?? match[3] ?? true;
  }
  return attributes;
}

const blocks = [...section.matchAll(/^```(.*)\n([\s\S]*?)^```$/gm)].map(m => ({
  ...parseInfo(m[1]),
  code: m[2],
}));
const steps = section.match(/^\d+\. \*\*/gm)?.length ?? 0;
const lines = blocks.reduce(
  (n, b) => n + b.code.split('\n').filter(l => l.trim()).length,
  0,
);
const stated = section.match(/(\d+) steps, (\d+) lines/);
if (!stated || Number(stated[1]) !== steps || Number(stated[2]) !== lines) {
  throw new Error(
    `the section must say "${steps} steps, ${lines} lines" (what it holds); it says "${
      stated?.[0] ?? 'nothing'
    }"`,
  );
}

function insert(text, anchor, mode, code) {
  const fileLines = text.split('\n');
  const block = code.replace(/\n$/, '').split('\n');
  const hits = fileLines.flatMap((line, i) =>
    line.includes(anchor) ? [i] : [],
  );
  if (!hits.length)
    throw new Error(`no line contains ${JSON.stringify(anchor)}`);
  const targets = mode === 'before-each' ? hits : [hits[0]];
  for (const i of [...targets].reverse()) {
    // the README writes blocks flush left; they take the indentation of their neighbour (the
    // line before, for an insertion before a closing line)
    const neighbour =
      mode.startsWith('before') && i > 0 ? fileLines[i - 1] : fileLines[i];
    const indent = neighbour.match(/^\s*/)[0];
    const indented = block.map(line => (line ? indent + line : line));
    if (mode === 'after') fileLines.splice(i + 1, 0, ...indented);
    else if (mode === 'replace') fileLines.splice(i, 1, ...indented);
    else fileLines.splice(i, 0, ...indented);
  }
  return fileLines.join('\n');
}

for (const [index, block] of blocks.entries()) {
  const label = `block ${index + 1} (${block.lang}${
    block.file ? ` ${block.file}` : ''
  })`;
  if (block.run) {
    console.log(`--- ${label}: run\n${block.code}`);
    execFileSync('bash', ['-euo', 'pipefail', '-c', block.code], {
      cwd: appDir,
      stdio: 'inherit',
    });
    continue;
  }
  if (!block.file)
    throw new Error(
      `${label} says neither run nor file=: the script cannot follow it`,
    );
  const path = join(appDir, block.file);
  const text = readFileSync(path, 'utf8');
  let next;
  if (block.top) next = block.code + text;
  else if (block.append) next = `${text.replace(/\n*$/, '\n')}${block.code}`;
  else {
    const mode = ['before', 'before-each', 'after', 'replace'].find(
      m => block[m],
    );
    if (!mode) throw new Error(`${label} says file= but not where`);
    try {
      next = insert(text, block[mode], mode, block.code);
    } catch (error) {
      throw new Error(`${label}: ${error.message} in ${block.file}`);
    }
  }
  writeFileSync(path, next);
  console.log(`--- ${label}: applied`);
}
console.log(`applied ${steps} steps, ${lines} lines from ${readmePath}`);
