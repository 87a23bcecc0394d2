// Compiles the AssemblyScript sources of src/ to the WebAssembly modules committed beside
// them (`npm run build:wasm`). The modules are committed so that running the platform
// needs no compiler; sm2Sum.test.ts checks each committed module is what its source builds.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import asc from 'assemblyscript/asc';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Each module: its AssemblyScript source and the .wasm committed beside it. */
export const WASM_MODULES = [
  { source: 'src/core/crypto/wasm/sm2Sum.ts', output: 'src/core/crypto/wasm/sm2Sum.wasm' },
];

// Optimised, no garbage collector (the modules allocate nothing), no run-time assertions.
const OPTIONS = ['-O3', '--runtime', 'stub', '--noAssert'];

/** Compiles `source` (relative to the root) to `output` (absolute or relative); throws with the compiler's message. */
export async function compileWasm(source: string, output: string): Promise<void> {
  const stderr: string[] = [];
  const { error } = await asc.main([path.join(ROOT, source), '-o', path.resolve(ROOT, output), ...OPTIONS], {
    stderr: { write: (s: string | Uint8Array) => { stderr.push(String(s)); return true; } } as never,
  });
  if (error) throw new Error(`${source}: ${error.message}\n${stderr.join('')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const m of WASM_MODULES) {
    await compileWasm(m.source, m.output);
    console.log(`${m.source} → ${m.output}`);
  }
}
