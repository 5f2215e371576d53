/**
 * Run after `next build` (`npm run build` does): marks every browser chunk of the build with V8's
 * explicit compile hint, `//# allFunctionsCalledOnLoad` on its first line.
 *
 * Why: V8 compiles a function only when it is first called, on the main thread. The bundler
 * wraps each module in a function, so while a page starts, Chrome stops to compile React DOM, the
 * router and the page's own modules one wrapper at a time: about half of the longest task of
 * every page's load (Lighthouse's bootup-time). With the hint, Chrome compiles the file's
 * functions eagerly, on a background thread while the script downloads. Browsers without the
 * feature read a comment. https://v8.dev/blog/explicit-compile-hints
 *
 * The chunks keep their names (a build's output is marked the same way every time), and the step
 * is idempotent: a marked chunk is left as it is.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** Marks the build's browser chunks in `distDir`; returns how many it changed. */
export function addCompileHints(distDir: string): number {
  const chunksDir = path.join(distDir, "static", "chunks");
  let changed = 0;
  for (const name of readdirSync(chunksDir, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".js")) continue;
    const file = path.join(chunksDir, name);
    const source = readFileSync(file, "utf8");
    if (source.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + source);
    changed++;
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const changed = addCompileHints(distDir);
  console.log(`Compile hints: ${changed} browser chunks marked in ${distDir}/static/chunks.`);
}
