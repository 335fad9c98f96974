/**
 * The RNN core never loads TensorFlow.js, and the tfjs part receives the module from its
 * caller: no file under src/rnn imports a tfjs package as a value. Only `import type` and
 * `export type … from` count as type-only (a `{ type X }` list still loads the module
 * under some compilers), and a dynamic import() or require() counts as a value load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../src/rnn');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const isTfjs = (s: string) => s === '@tensorflow/tfjs' || s.startsWith('@tensorflow/');

/** Lines ("line: text") of every statement that loads a tfjs package as a value. */
function valueTfjsImports(source: string, fileName = 'x.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const hits: string[] = [];
  const hit = (node: ts.Node) => hits.push(`${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isTfjs(node.moduleSpecifier.text)) {
      if (!node.importClause?.isTypeOnly) hit(node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && isTfjs(node.moduleSpecifier.text)) {
      if (!node.isTypeOnly) hit(node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e) && isTfjs(e.text) && !node.isTypeOnly) hit(node);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const a = node.arguments[0];
      if (a && ts.isStringLiteral(a) && isTfjs(a.text)) hit(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

describe('valueTfjsImports', () => {
  it('finds every way of loading tfjs as a value', () => {
    for (const src of [
      "import * as tf from '@tensorflow/tfjs';",
      "import { tensor } from '@tensorflow/tfjs';",
      "import { type Tensor } from '@tensorflow/tfjs';",
      "import '@tensorflow/tfjs-backend-wasm';",
      "export { tidy } from '@tensorflow/tfjs';",
      "import tf = require('@tensorflow/tfjs');",
      "const tf = await import('@tensorflow/tfjs');",
    ]) expect(valueTfjsImports(src), src).toHaveLength(1);
  });

  it('lets type-only imports through', () => {
    for (const src of [
      "import type * as tfjs from '@tensorflow/tfjs';",
      "import type { Tensor2D } from '@tensorflow/tfjs';",
      "export type { Tensor } from '@tensorflow/tfjs';",
      "type Tf = typeof import('@tensorflow/tfjs');",
      "import { x } from './tfjs.ts';",
    ]) expect(valueTfjsImports(src), src).toEqual([]);
  });
});

describe('src/rnn and tfjs', () => {
  const files = tsFiles(ROOT).map((p) => ({ path: relative(ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
  const core = files.filter((f) => !f.path.startsWith('tf/'));
  const tfPart = files.filter((f) => f.path.startsWith('tf/'));

  it('reads both parts', () => {
    expect(core.map((f) => f.path)).toEqual(expect.arrayContaining(['index.ts', 'optim.ts', 'clip.ts', 'fast/trainer.ts', 'fast/kernels.ts', 'fast/network.ts', 'fast/cells/lstm.ts']));
    expect(tfPart.map((f) => f.path)).toEqual(expect.arrayContaining(['tf/index.ts', 'tf/model.ts', 'tf/forward.ts', 'tf/cells.ts', 'tf/clip.ts', 'tf/optim.ts']));
  });

  it('the core never imports tfjs as a value', () => {
    expect(Object.fromEntries(core.map((f) => [f.path, valueTfjsImports(f.text, f.path)]).filter(([, h]) => h!.length > 0))).toEqual({});
  });

  it('the tfjs part receives tf from its caller instead of importing it', () => {
    expect(Object.fromEntries(tfPart.map((f) => [f.path, valueTfjsImports(f.text, f.path)]).filter(([, h]) => h!.length > 0))).toEqual({});
  });

  it('the core entry re-exports nothing from the tfjs part', () => {
    const entry = core.find((f) => f.path === 'index.ts')!.text;
    expect(entry.match(/from '\.\/tf\/[^']*'/g) ?? []).toEqual([]);
  });
});
