import { fork, type ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { DatabaseTarget } from './databases';

/** What every child is told, as JSON in BENCH_SCALE_JOB. */
export interface Job {
  target: DatabaseTarget;
  entities: number;
  guardrails: number;
  /** The "change 1%" counter: 0 for the world as first generated. */
  generation: number;
  /** serve.ts only: the backend's own database config and the static access token. */
  backendDatabaseConfig?: object;
  token?: string;
}

export type Message = { type: string; [key: string]: any };

/** The job this process was started with (in a child). */
export const jobOfThisProcess = (): Job =>
  JSON.parse(process.env.BENCH_SCALE_JOB ?? '{}');

/** This process's peak resident set in MB: VmHWM on Linux, maxRSS elsewhere. */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Sends a message to the parent and resolves when it is on its way. */
export const tell = (message: Message) =>
  new Promise<void>((resolve, reject) =>
    process.send!(message, undefined, {}, e => (e ? reject(e) : resolve())),
  );

/** The next message from the parent of this type. */
export const heard = (type: string) =>
  new Promise<Message>(resolve => {
    const listener = (m: Message) => {
      if (m?.type !== type) return;
      process.off('message', listener);
      resolve(m);
    };
    process.on('message', listener);
  });

/** A child started from one of this folder's scripts, with the TypeScript transform. */
export class Child {
  private readonly process: ChildProcess;
  private readonly inbox: Message[] = [];
  private readonly waiting: (() => void)[] = [];
  readonly exited: Promise<number>;

  constructor(script: string, job: Job) {
    this.process = fork(join(__dirname, script), [], {
      execArgv: [
        // BENCH_CPU_PROF=<dir>: a CPU profile of every child process, for finding where time goes.
        ...(process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : []),
        // BENCH_NODE_FLAGS="--trace-gc …": more flags for every child process.
        ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: { ...process.env, BENCH_SCALE_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (m: Message) => {
      this.inbox.push(m);
      this.waiting.splice(0).forEach(w => w());
    });
    this.exited = new Promise(resolve =>
      this.process.on('exit', code => {
        this.waiting.splice(0).forEach(w => w());
        resolve(code ?? 1);
      }),
    );
  }

  get pid() {
    return this.process.pid;
  }

  send(message: Message) {
    this.process.send(message);
  }

  /** The next message of this type (or types); throws if the child exits without one. */
  async next(type: string | string[]): Promise<Message> {
    const types = ([] as string[]).concat(type);
    for (;;) {
      const i = this.inbox.findIndex(m => types.includes(m.type));
      if (i >= 0) return this.inbox.splice(i, 1)[0];
      if (this.process.exitCode !== null || this.process.signalCode !== null)
        throw new Error(`child ${this.pid} exited without "${type}"`);
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
  }

  kill() {
    this.process.kill();
  }
}
