export type NatsServer = {
  url: string;
  /** Each client connection the server holds now: its name, how many messages it was sent, and the subjects it subscribes to. */
  connections(): Promise<{ name?: string; out_msgs: number; subjects: string[] }[]>;
  /** Stops the server (SIGKILL: its clients lose their connection) until `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same ports. */
  start(): Promise<void>;
};

export function startNats(): Promise<NatsServer>;
