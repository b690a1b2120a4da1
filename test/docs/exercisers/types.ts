/** How a command ended when the docs test ran (or checked) it. */
export interface CommandRun {
  readonly exitCode: number;
  /** What it printed (or what the check found), for the failure message. */
  readonly output: string;
  /** How it was exercised, when not by running it here ("parsed; run by test/e2e/demo.test.ts"). */
  readonly via?: string;
}

/** The local cloud a page's commands talk to. */
export interface SessionCloud {
  readonly url: string;
  /** `served`: started by the page's own `copy-autopilot local serve` line; `implicit`: by the test. */
  readonly origin: 'served' | 'implicit';
  close(): Promise<void>;
}

/** What an exerciser can use of the page's session. */
export interface SessionContext {
  readonly repoRoot: string;
  /** The variables the page exported (`export NAME=value`), as a child's environment gets them. */
  exported(): Record<string, string>;
  /** The session's cloud, started by the test when the page has not started one. */
  cloud(): Promise<SessionCloud>;
  /** The cloud if there is one already, without starting one. */
  currentCloud(): SessionCloud | undefined;
  /** Adopts the cloud a `local serve` line started. */
  adoptCloud(cloud: SessionCloud): void;
}

/** Runs one kind of command: the words after quote removal, placeholders and expansion. */
export type Exerciser = (words: readonly string[], session: SessionContext) => Promise<CommandRun>;

/** A command the docs test has no way to exercise; the message says what to do instead. */
export class NotExercisableError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'NotExercisableError';
  }
}
