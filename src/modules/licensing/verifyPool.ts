// Licence verification off the event loop: a licence's two SM2 verifications cost about a
// millisecond of CPU, during which the process could answer nobody else. The public
// verification page hands them to a small pool of worker threads running the same
// verifyLicence (core/licensing/licence.ts), so the event loop keeps serving requests and
// the verifications use the other cores. The workers do not keep the process alive; a
// worker that dies is replaced and what it held fails with an error (a 500 to those callers).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StoredLicence, Verification } from '../../core/licensing/licence';

// The worker loads core/licensing/licence.ts itself: through tsx's loader (the server runs
// TypeScript with tsx, which a worker thread does not inherit on every Node version).
const LICENCE_MODULE = new URL('../../core/licensing/licence.ts', import.meta.url).href;
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
import('tsx/esm/api')
  .then((api) => { api.register(); return import(${JSON.stringify(LICENCE_MODULE)}); })
  .then((m) => {
    parentPort.on('message', ({ id, stored, today }) => {
      let v;
      try { v = { ok: m.verifyLicence(stored, today) }; } catch (err) { v = { error: String(err && err.message || err) }; }
      parentPort.postMessage({ id, ...v });
    });
    parentPort.postMessage({ ready: true });
  });
`;

interface Pending { resolve: (v: Verification) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; busy: number }

export class VerifyPool {
  private slots: Slot[] = [];
  private pending = new Map<number, Pending & { slot: Slot }>();
  private nextId = 1;
  private closed = false;

  constructor(readonly size = Math.max(1, Math.min(4, os.availableParallelism()))) {}

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (m: { id?: number; ok?: Verification; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      slot.busy--;
      if (m.ok) p.resolve(m.ok);
      else p.reject(new Error(m.error ?? 'verification failed'));
    });
    const fail = (err: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      for (const [id, p] of this.pending) {
        if (p.slot === slot) { this.pending.delete(id); p.reject(err); }
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`verification worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** Verifies in the least busy worker (messages queue in a worker until it is free). */
  verify(stored: StoredLicence, today: string): Promise<Verification> {
    if (this.closed) return Promise.reject(new Error('verification pool closed'));
    while (this.slots.length < this.size) this.spawn();
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const id = this.nextId++;
    slot.busy++;
    return new Promise<Verification>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, stored, today });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
